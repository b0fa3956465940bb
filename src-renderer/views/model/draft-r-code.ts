import type { DatasetInfo, SampleInfo } from '@shared/dataset';
import { AppError } from '@shared/errors';
import type { ModelSpec } from '@shared/models';
import type { Recipe } from '@shared/recipes';
import { rCode } from '../../lib/r-code';

/**
 * The R script of the model being built, before it is fitted: the same script Results
 * copies, for a model named m. When it cannot be written, the copy says why as an R comment.
 */
export function draftRCode(dataset: DatasetInfo, recipes: readonly Recipe[], request: ModelSpec, samples: readonly SampleInfo[]): string {
  try {
    return rCode(dataset, recipes, { id: 'draft', datasetId: dataset.id, name: 'm', spec: request, createdAt: '' }, samples);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return `# ${error.message}\n`;
  }
}
