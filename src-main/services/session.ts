import type { EventName, EventPayload } from '@shared/contract';
import { AppError } from '@shared/errors';
import type { ProjectSource, ProjectState, SaveTarget } from '@shared/project';
import type { Dialogs } from './dialogs';
import type { RecentFiles } from './recent-files';
import type { ProjectStoreApi, ProjectStoreOptions } from './project/api';
import { ProjectStore } from './project/store';
import type { EngineHost } from './jobs/engine-host';
import { JobQueue } from './jobs/queue';
import { stopPreviewEngine } from './preview';

export type Emit = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

export interface SessionOptions {
  /** Where this session's working copies (autosave, recovery) live. */
  workDir: string;
  /** The folder holding sample-data/. */
  resourcesDir: string;
  engineHost: EngineHost;
  emit: Emit;
  host: 'electron' | 'browser';
  /** Native dialogs (Electron only). */
  dialogs?: Dialogs;
  recentFiles?: RecentFiles;
  /** May requests name files on this machine? Yes in Electron; no in a served browser host. */
  allowPaths: boolean;
  /** better-sqlite3 binary built for Electron, when running unpackaged in Electron. */
  nativeBinding?: string;
}

/**
 * Everything one window (Electron) or one browser tab (browser host) works
 * with: the open project and the job queue. Handlers call its methods; it owns
 * the rule that a project is replaced only through here, so jobs that finish
 * after a project was closed cannot write into the wrong file.
 */
export class Session {
  readonly jobs: JobQueue;
  private current: ProjectStoreApi;
  private readonly storeOptions: ProjectStoreOptions;

  constructor(readonly options: SessionOptions) {
    this.storeOptions = { workDir: options.workDir, nativeBinding: options.nativeBinding };
    this.current = ProjectStore.create(this.storeOptions);
    this.jobs = new JobQueue(options.engineHost, {
      progress: (id, fraction, message) => options.emit('job.progress', { id, fraction, message }),
      done: (id, kind, outcome) => options.emit('job.done', { id, kind, ...outcome }),
      changed: (jobs) => options.emit('jobs.changed', jobs),
    });
  }

  get project(): ProjectStoreApi {
    return this.current;
  }

  /** Tells the renderer the project changed (after any write). */
  changed(): ProjectState {
    const state = this.current.state();
    this.options.emit('project.changed', state);
    return state;
  }

  newProject(): ProjectState {
    return this.replace(ProjectStore.create(this.storeOptions));
  }

  async openProject(source: ProjectSource): Promise<ProjectState> {
    if (source.kind === 'upload') {
      return this.replace(ProjectStore.openBytes(Buffer.from(source.base64, 'base64'), source.name, this.storeOptions));
    }
    const path = source.kind === 'dialog' ? await this.dialogs().openProject() : this.checkedPath(source.path);
    if (path === null) throw new AppError('cancelled', 'No project was opened.');
    const state = this.replace(ProjectStore.open(path, this.storeOptions));
    this.options.recentFiles?.add(path);
    return state;
  }

  save(): ProjectState {
    const path = this.current.state().path;
    if (path === null) throw new AppError('not-found', 'This project has not been saved yet: use Save As… to choose a file.');
    this.current.save();
    this.options.recentFiles?.add(path);
    return this.changed();
  }

  async saveAs(target: SaveTarget): Promise<ProjectState> {
    const path =
      target.kind === 'dialog' ? await this.dialogs().saveProject(this.current.state().name) : this.checkedPath(target.path);
    if (path === null) throw new AppError('cancelled', 'The project was not saved.');
    this.current.saveAs(path);
    this.options.recentFiles?.add(path);
    return this.changed();
  }

  exportProject(): { name: string; base64: string } {
    return { name: `${this.current.state().name}.nestor`, base64: this.current.exportBytes().toString('base64') };
  }

  recoverable() {
    return ProjectStore.listRecoverable(this.options.workDir, { nativeBinding: this.options.nativeBinding }).filter(
      (p) => p.id !== this.current.id,
    );
  }

  recover(id: string): ProjectState {
    return this.replace(ProjectStore.recover(id, this.storeOptions));
  }

  discardRecovery(id: string): void {
    if (id === this.current.id) throw new AppError('bad-input', 'The open project cannot be discarded.');
    ProjectStore.discardRecovery(this.options.workDir, id);
  }

  /** A path named in a request, only where this host lets requests name files. */
  checkedPath(path: string): string {
    if (!this.options.allowPaths) {
      throw new AppError('forbidden', 'This server does not open or save files on its own disk; upload or download the file instead.');
    }
    return path;
  }

  dialogs(): Dialogs {
    if (!this.options.dialogs) throw new AppError('unsupported', 'File dialogs are only available in the desktop app.');
    return this.options.dialogs;
  }

  /** Ends the session: jobs stop; the working copy is removed unless `keepWorkingCopy` (then it stays recoverable). */
  async dispose({ keepWorkingCopy = false } = {}): Promise<void> {
    await Promise.all([this.jobs.dispose(), stopPreviewEngine(this)]);
    if (!keepWorkingCopy) this.current.close();
  }

  private replace(next: ProjectStoreApi): ProjectState {
    const previous = this.current;
    this.current = next;
    previous.close();
    return this.changed();
  }
}
