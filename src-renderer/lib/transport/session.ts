/**
 * The browser host keeps one project per session token; keeping the token in
 * localStorage lets a reload (or a dropped connection) reattach to the same project.
 */
export const SESSION_STORAGE_KEY = 'nestor.session';

export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export function newSessionToken(random: (bytes: Uint8Array) => Uint8Array): string {
  const bytes = random(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function sessionToken(store: KeyValueStore, random: (bytes: Uint8Array) => Uint8Array): string {
  const existing = store.getItem(SESSION_STORAGE_KEY);
  if (existing && /^[0-9a-f]{32}$/.test(existing)) return existing;
  const token = newSessionToken(random);
  try {
    store.setItem(SESSION_STORAGE_KEY, token);
  } catch {
    // Private windows may refuse storage; the session then lasts as long as the page.
  }
  return token;
}
