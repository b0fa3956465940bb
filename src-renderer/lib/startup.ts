import { call, subscribe } from './api.svelte';
import { runMenuCommand } from './commands';
import { app } from './stores/app.svelte';
import { data } from './stores/data.svelte';
import { jobs } from './stores/jobs.svelte';
import { viewState } from './view-state.svelte';
import { plotSettings } from './stores/plot-settings.svelte';

/**
 * Connects the stores to main: subscribes to every event first (so nothing
 * that happens during the first requests is missed), then loads what the
 * window shows. `refresh` runs again after a reconnection.
 */
export function subscribeAll(): () => void {
  const offs = [
    subscribe('project.changed', (state) => {
      app.project = state;
      if (data.selectedId && !state.datasets.some((d) => d.id === data.selectedId)) data.selectedId = null;
    }),
    subscribe('jobs.changed', (list) => jobs.setList(list)),
    subscribe('job.progress', (progress) => jobs.progress(progress)),
    subscribe('job.done', (done) => jobs.done(done)),
    subscribe('menu.command', ({ command, path }) => runMenuCommand(command, path)),
    viewState.watch(),
    plotSettings.watch(),
  ];
  return () => offs.forEach((off) => off());
}

export async function loadInitial(): Promise<void> {
  const [info, state, recoverable, samples, list] = await Promise.all([
    call('app.info', {}),
    call('project.state', {}),
    call('project.recoverable', {}),
    call('datasets.samples', {}),
    call('jobs.list', {}),
  ]);
  if (info) app.info = info;
  if (state) app.project = state;
  if (recoverable) app.recoverable = recoverable;
  if (samples) app.samples = samples;
  if (list) jobs.setList(list);
}

/** After a reconnection: events sent while the socket was down are lost, so ask again. */
export async function refresh(): Promise<void> {
  // A restarted server may have found working copies left by its crash, ours among them.
  const [state, list, recoverable] = await Promise.all([
    call('project.state', {}),
    call('jobs.list', {}),
    call('project.recoverable', {}),
  ]);
  if (state) app.project = state;
  if (list) jobs.reconcile(list);
  if (recoverable) app.recoverable = recoverable;
}
