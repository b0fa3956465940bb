/**
 * Messages for the person at the keyboard: errors stay until dismissed (they
 * explain what went wrong and where), information fades after a few seconds.
 */
export interface Notice {
  id: number;
  kind: 'error' | 'info';
  message: string;
}

export const notices = $state<{ items: Notice[] }>({ items: [] });

let nextId = 0;
const INFO_MS = 5000;

export function notify(kind: Notice['kind'], message: string): void {
  const id = ++nextId;
  // The same error twice in a row (e.g. repeated clicks) is shown once.
  const last = notices.items[notices.items.length - 1];
  if (last && last.kind === kind && last.message === message) return;
  notices.items.push({ id, kind, message });
  if (notices.items.length > 5) notices.items.splice(0, notices.items.length - 5);
  if (kind === 'info') setTimeout(() => dismiss(id), INFO_MS);
}

export function dismiss(id: number): void {
  const index = notices.items.findIndex((n) => n.id === id);
  if (index >= 0) notices.items.splice(index, 1);
}
