import type { AppInfo } from '@shared/contract';
import type { SampleInfo } from '@shared/dataset';
import type { ProjectState, RecoverableProject } from '@shared/project';

export type ViewName = 'data' | 'model' | 'results' | 'plots';
export const VIEWS: { name: ViewName; label: string }[] = [
  { name: 'data', label: 'Data' },
  { name: 'model', label: 'Model' },
  { name: 'results', label: 'Results' },
  { name: 'plots', label: 'Plots' },
];

/** Application-wide state: which host we run in, the open view, the open project. */
class AppStore {
  info = $state.raw<AppInfo | null>(null);
  view = $state<ViewName>('data');
  samples = $state.raw<SampleInfo[]>([]);
  recoverable = $state.raw<RecoverableProject[]>([]);
  aboutOpen = $state(false);
  /** Replaced whole on every project.changed; never deep-proxied. */
  project = $state.raw<ProjectState | null>(null);
  /**
   * The browser host's Save is a download, which main does not see, so it
   * still reports the project dirty. Which working-copy version was last
   * downloaded (main stamps autosavedAt on every change) tells us it was not.
   */
  downloaded = $state.raw<{ id: string; autosavedAt: string | null } | null>(null);

  get isBrowser(): boolean {
    return this.info?.host !== 'electron';
  }

  get unsaved(): boolean {
    const p = this.project;
    if (!p?.dirty) return false;
    const d = this.downloaded;
    return !(this.isBrowser && d !== null && d.id === p.id && d.autosavedAt === p.autosavedAt);
  }
}

export const app = new AppStore();
