/**
 * Browser-host file transfer: the page cannot see the server's disk, so files
 * travel as base64 in requests (upload) and responses (download).
 */

/** Opens the browser's file chooser; resolves null when the person cancels. */
export function pickFile(accept: string, testId: string): Promise<File | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.hidden = true;
    input.dataset.testid = testId;
    const finish = (file: File | null) => {
      input.remove();
      resolve(file);
    };
    input.addEventListener('change', () => finish(input.files?.[0] ?? null), { once: true });
    input.addEventListener('cancel', () => finish(null), { once: true });
    document.body.append(input);
    input.click();
  });
}

/** A file, or a slice of one (`name` then says whose), as base64. */
export function readAsBase64(file: Blob, name = file instanceof File ? file.name : 'the file'): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(new Error(`Could not read "${name}": ${reader.error?.message ?? 'unknown error'}`));
    reader.readAsDataURL(file);
  });
}

/** The first file of a drag that carries files, or null (text or links being dragged). */
export function draggedFile(transfer: DataTransfer | null): File | null {
  return transfer?.files?.[0] ?? null;
}

/** Whether a drag carries files: during dragover the files themselves are not readable yet, only their presence. */
export function dragHasFiles(transfer: DataTransfer | null): boolean {
  return transfer !== null && Array.from(transfer.types).includes('Files');
}

export function downloadBase64(base64: string, fileName: string, type = 'application/octet-stream'): void {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  downloadBlob(new Blob([bytes], { type }), fileName);
}

export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  // Revoking at once can cancel the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
