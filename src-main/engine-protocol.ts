import type { AppErrorValue } from '@shared/errors';
import type { ImportOptions } from '@shared/dataset';
import type { Column } from './engine/data/column';
import type { Recipe } from '@shared/recipes';
import type { VariableSettingInfo } from '@shared/variables';
import type { FitModelInput } from './engine/fit/fit-model';
import type { CompareModelsInput } from './engine/fit/compare-models';
import type { PreviewInput } from './engine/import/preview';
import type { DataPlotOptions } from '@shared/data-plots';
import type { ModelPlotInput } from './engine/plots/model-plot';
import type { ModelInferenceInput } from './engine/inference/run-inference';

/**
 * Messages between main and the engine process (structured clone, so typed
 * arrays cross without copying into JSON). One task per job; the engine process
 * runs one task at a time and answers each with exactly one result or error.
 */
export type ImportTaskSource = { kind: 'path'; path: string } | { kind: 'bytes'; bytes: Uint8Array };

export type EngineTask =
  | {
      kind: 'dataset.import';
      input: {
        source: ImportTaskSource;
        fileName: string;
        options: ImportOptions & { levels?: Record<string, string[]> };
      };
    }
  | { kind: 'dataset.preview'; input: PreviewInput }
  | { kind: 'dataset.summary'; input: { datasetId: string; rows: number; columns: Column[]; recipes: Recipe[]; variables?: VariableSettingInfo[] } }
  | { kind: 'model.fit'; input: FitModelInput }
  | { kind: 'models.compare'; input: CompareModelsInput }
  | { kind: 'plot.data'; input: { datasetId: string; rows: number; columns: Column[]; recipes: Recipe[]; variables?: VariableSettingInfo[]; plot: DataPlotOptions } }
  | { kind: 'plot.model'; input: ModelPlotInput & { rows: number; columns: Column[]; recipes: Recipe[]; variables?: VariableSettingInfo[] } }
  | { kind: 'model.inference'; input: ModelInferenceInput & { rows: number; columns: Column[]; recipes: Recipe[]; variables?: VariableSettingInfo[] } };

export type EngineTaskKind = EngineTask['kind'];

export type ToEngine = { type: 'run'; jobId: string; task: EngineTask } | { type: 'cancel'; jobId: string };

export type FromEngine =
  | { type: 'ready' }
  | { type: 'progress'; jobId: string; fraction: number | null; message: string }
  | { type: 'result'; jobId: string; value: unknown }
  | { type: 'error'; jobId: string; error: AppErrorValue };
