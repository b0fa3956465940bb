import type { ImportPreview, PreviewOptions } from '@shared/dataset';
import { invoke } from '../../../lib/api.svelte';
import { readAsBase64 } from '../../../lib/files';
import { newForm, previewSlice, type ImportForm } from './import-form';

/** Quiet time after the last change of an option before the preview is read again. */
export const PREVIEW_DEBOUNCE_MS = 200;

/**
 * The import dialog's state: the file being imported (null when the dialog is
 * closed), the person's choices, and the latest preview main gave for them.
 * File > Import Data…, the empty data view and a drop on the window all open it
 * through `openImport`.
 */
class ImportDialogStore {
  file = $state.raw<File | null>(null);
  form = $state<ImportForm>(newForm());
  preview = $state.raw<ImportPreview | null>(null);
  /** A preview is being read for the current options. */
  loading = $state(false);
  /** Why no preview could be had at all (the file could not be read in the page, or main refused the request). */
  problem = $state<string | null>(null);
  /** What the automatic delimiter chose for this file, from the last preview read with it. */
  autoDelimiter = $state<ImportPreview['delimiter']>(null);

  /** The part of the file the preview sends, read once per file. */
  private slice: { file: File; base64: Promise<string> } | null = null;
  private generation = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;

  open(file: File): void {
    this.cancelPending();
    this.file = file;
    this.form = newForm();
    this.preview = null;
    this.problem = null;
    this.loading = true;
    this.slice = null;
    this.autoDelimiter = null;
  }

  close(): void {
    this.cancelPending();
    this.file = null;
    this.preview = null;
    this.problem = null;
    this.loading = false;
    this.slice = null;
  }

  /** Reads the preview for these options after `delay` ms, dropping any answer to earlier options. */
  schedulePreview(file: File, options: PreviewOptions, delay: number): void {
    this.cancelPending();
    const generation = this.generation;
    this.loading = true;
    this.timer = setTimeout(() => void this.readPreview(file, options, generation), delay);
  }

  private cancelPending(): void {
    this.generation++;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private async readPreview(file: File, options: PreviewOptions, generation: number): Promise<void> {
    const current = () => generation === this.generation && this.file === file;
    let base64: string;
    try {
      base64 = await this.sliceOf(file);
    } catch (err) {
      if (!current()) return;
      this.loading = false;
      this.preview = null;
      this.problem = err instanceof Error ? err.message : String(err);
      return;
    }
    if (!current()) return;
    const result = await invoke('datasets.preview', { name: file.name, base64, size: file.size, options });
    if (!current()) return;
    this.loading = false;
    if (result.ok) {
      this.preview = result.value;
      this.problem = null;
      if (options.delimiter === 'auto') this.autoDelimiter = result.value.delimiter;
    } else if (result.error.code !== 'cancelled') {
      this.preview = null;
      this.problem = result.error.message;
    }
  }

  private sliceOf(file: File): Promise<string> {
    if (this.slice?.file !== file) this.slice = { file, base64: readAsBase64(previewSlice(file, file.name), file.name) };
    return this.slice.base64;
  }
}

export const importDialog = new ImportDialogStore();

export function openImport(file: File): void {
  importDialog.open(file);
}
