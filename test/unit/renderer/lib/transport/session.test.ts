import { describe, expect, it } from 'vitest';
import { SESSION_STORAGE_KEY, sessionToken } from '../../../../../src-renderer/lib/transport/session';

function memory(initial: Record<string, string> = {}) {
  const map = new Map(Object.entries(initial));
  return { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v), map };
}
const counting = (bytes: Uint8Array) => bytes.map((_, i) => i * 17);

describe('session token', () => {
  it('creates a 128-bit hex token once and keeps it for the next page load', () => {
    const store = memory();
    const token = sessionToken(store, counting);
    expect(token).toBe('00112233445566778899aabbccddeeff');
    expect(store.map.get(SESSION_STORAGE_KEY)).toBe(token);
    expect(sessionToken(store, () => new Uint8Array(16).fill(255))).toBe(token);
  });

  it('replaces a stored value that is not a token', () => {
    const store = memory({ [SESSION_STORAGE_KEY]: 'not-a-token' });
    expect(sessionToken(store, counting)).toBe('00112233445566778899aabbccddeeff');
  });
});
