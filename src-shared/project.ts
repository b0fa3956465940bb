import { z } from 'zod';
import { MAX_UPLOAD_BASE64 } from './limits';
import { DatasetInfo } from './dataset';

export const PROJECT_FILE_EXTENSION = 'nestor';

export const ProjectState = z.object({
  /** Stable id of the working copy (also names its recovery entry). */
  id: z.string(),
  /** File name without extension, or "Untitled" for a project never saved. */
  name: z.string(),
  /** Where Save writes; null until the project is first saved. */
  path: z.string().nullable(),
  /** Changes since the last Save (they are already in the autosaved working copy). */
  dirty: z.boolean(),
  savedAt: z.string().nullable(),
  autosavedAt: z.string().nullable(),
  datasets: z.array(DatasetInfo),
});
export type ProjectState = z.infer<typeof ProjectState>;

/** A project file to open: a path, the bytes of an uploaded file (browser host), or a native dialog (Electron). */
export const ProjectSource = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('path'), path: z.string().min(1).max(4096) }).strict(),
  z
    .object({ kind: z.literal('upload'), name: z.string().min(1).max(255), base64: z.string().max(MAX_UPLOAD_BASE64) })
    .strict(),
  z.object({ kind: z.literal('dialog') }).strict(),
]);
export type ProjectSource = z.infer<typeof ProjectSource>;

export const SaveTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('path'), path: z.string().min(1).max(4096) }).strict(),
  z.object({ kind: z.literal('dialog') }).strict(),
]);
export type SaveTarget = z.infer<typeof SaveTarget>;

/** A working copy left behind by a session that did not end cleanly. */
export const RecoverableProject = z.object({
  id: z.string(),
  name: z.string(),
  path: z.string().nullable(),
  autosavedAt: z.string(),
});
export type RecoverableProject = z.infer<typeof RecoverableProject>;

export const ResultInfo = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  datasetId: z.string().nullable(),
  /** The model this result belongs to (a fit), or null (a dataset summary). */
  modelId: z.string().nullable(),
  createdAt: z.string(),
});
export type ResultInfo = z.infer<typeof ResultInfo>;
