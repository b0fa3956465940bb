import { plotSettings } from './stores/plot-settings.svelte';
import type { MenuCommand } from '@shared/contract';
import { PROJECT_FILE_EXTENSION } from '@shared/project';
import { ImportDone } from '@shared/jobs';
import { call } from './api.svelte';
import { downloadBase64, pickFile, readAsBase64 } from './files';
import { app, type ViewName } from './stores/app.svelte';
import { data } from './stores/data.svelte';
import { askUnsaved } from './stores/dialogs.svelte';
import { jobs } from './stores/jobs.svelte';
import { notify } from './stores/notices.svelte';
import type { ImportOptions } from '@shared/dataset';
import { openImport } from '../views/data/import/import-dialog.svelte';
import { viewState } from './view-state.svelte';

/**
 * File and view commands, whether they come from the in-app File menu, a
 * keyboard shortcut or Electron's native menu. Electron has native dialogs in
 * main; the browser host moves files through the page.
 */
const DATA_FILE_ACCEPT =
  '.csv,.tsv,.tab,.txt,.dat,.xlsx,.xlsm,text/csv,text/tab-separated-values,text/plain,' +
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Main answers a cancelled native dialog with 'cancelled'; that is not an error to show. */
const quiet = { quiet: ['cancelled' as const] };

async function confirmReplace(action: string): Promise<boolean> {
  const project = app.project;
  if (!project || !app.unsaved) return true;
  const answer = await askUnsaved(project.name, action);
  if (answer === 'cancel') return false;
  if (answer === 'save') return saveProject();
  return true;
}

export async function newProject(): Promise<void> {
  if (!(await confirmReplace('starting a new project'))) return;
  const state = await call('project.new', {});
  if (!state) return;
  app.project = state;
  // An empty project has nothing to show but the Data view's import and samples.
  app.view = 'data';
}

export async function openProject(path?: string): Promise<void> {
  if (!(await confirmReplace('opening another project'))) return;
  if (path) return applyOpen(await call('project.open', { source: { kind: 'path', path } }, quiet));
  if (!app.isBrowser) return applyOpen(await call('project.open', { source: { kind: 'dialog' } }, quiet));
  const file = await pickFile(`.${PROJECT_FILE_EXTENSION}`, 'open-project-input');
  if (!file) return;
  const base64 = await readAsBase64(file);
  applyOpen(await call('project.open', { source: { kind: 'upload', name: file.name, base64 } }));
}

function applyOpen(state: Awaited<ReturnType<typeof call<'project.open'>>>): void {
  if (!state) return;
  app.project = state;
  data.selectedId = state.datasets[0]?.id ?? null;
  notify('info', `Opened ${state.name}.`);
}

/** Resolves true when the project was written (or downloaded) in full. */
export async function saveProject(): Promise<boolean> {
  await viewState.flush();
  await plotSettings.flush();
  if (app.isBrowser) return downloadProject();
  if (!app.project?.path) return saveProjectAs();
  const state = await call('project.save', {});
  if (state) app.project = state;
  return state !== undefined;
}

export async function saveProjectAs(): Promise<boolean> {
  await viewState.flush();
  await plotSettings.flush();
  if (app.isBrowser) return downloadProject();
  const state = await call('project.saveAs', { target: { kind: 'dialog' } }, quiet);
  if (state) app.project = state;
  return state !== undefined;
}

async function downloadProject(): Promise<boolean> {
  const before = app.project;
  const file = await call('project.export', {});
  if (!file) return false;
  if (before) app.downloaded = { id: before.id, autosavedAt: before.autosavedAt };
  const name = file.name.endsWith(`.${PROJECT_FILE_EXTENSION}`) ? file.name : `${file.name}.${PROJECT_FILE_EXTENSION}`;
  downloadBase64(file.base64, name);
  notify('info', `Downloaded ${name}.`);
  return true;
}

/** Asks for a data file, then shows it in the import dialog, where the person checks the preview and imports. */
export async function importData(): Promise<void> {
  const file = await pickFile(DATA_FILE_ACCEPT, 'import-data-input');
  if (file) openImport(file);
}

/** Imports a file the page holds (chosen or dropped) with the import dialog's options; the status bar shows the job. */
export async function importUpload(file: File, options: ImportOptions): Promise<void> {
  let base64: string;
  try {
    base64 = await readAsBase64(file);
  } catch (err) {
    notify('error', err instanceof Error ? err.message : String(err));
    return;
  }
  await startImport(call('datasets.import', { source: { kind: 'upload', name: file.name, base64 }, options }), file.name);
}

export async function addSample(name: string): Promise<void> {
  const title = app.samples.find((s) => s.name === name)?.title ?? name;
  await startImport(call('datasets.import', { source: { kind: 'sample', name } }), title);
}

async function startImport(started: Promise<{ jobId: string } | undefined>, what: string): Promise<void> {
  const job = await started;
  if (!job) return;
  const done = await jobs.whenDone(job.jobId, `Importing ${what}`);
  if (!done.ok) return; // the status bar reports failures and cancellations
  const parsed = ImportDone.safeParse(done.value);
  if (!parsed.success) {
    notify('error', `The import of ${what} finished, but its answer was not a dataset description.`);
    return;
  }
  const { dataset, warnings } = parsed.data;
  data.selectedId = dataset.id;
  app.view = 'data';
  for (const w of warnings.slice(0, 3)) {
    const where = w.line !== undefined ? ` (line ${w.line}${w.column !== undefined ? `, column ${w.column}` : ''})` : '';
    notify('info', `${dataset.name}: ${w.message}${where}`);
  }
}

export function showView(view: ViewName): void {
  app.view = view;
}

export function runMenuCommand(command: MenuCommand, path?: string): void {
  switch (command) {
    case 'project.new':
      return void newProject();
    case 'project.open':
      return void openProject(path);
    case 'project.save':
      return void saveProject();
    case 'project.saveAs':
      return void saveProjectAs();
    case 'data.import':
      return void importData();
    case 'view.data':
    case 'view.model':
    case 'view.results':
    case 'view.plots':
      return showView(command.slice('view.'.length) as ViewName);
    case 'help.about':
      app.aboutOpen = true;
      return;
  }
}
