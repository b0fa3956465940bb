import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { upgradeAllowed } from '../../../src-main/web-host/origin';

const request = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;

describe('upgradeAllowed', () => {
  it('accepts the host’s own page on loopback', () => {
    expect(upgradeAllowed(request({ host: '127.0.0.1:5180', origin: 'http://127.0.0.1:5180' }), true)).toEqual({ ok: true });
    expect(upgradeAllowed(request({ host: 'localhost:5180', origin: 'http://localhost:5180' }), true)).toEqual({ ok: true });
  });

  it('refuses another web site’s page (cross-site WebSocket hijacking)', () => {
    const verdict = upgradeAllowed(request({ host: '127.0.0.1:5180', origin: 'https://evil.example' }), true);
    expect(verdict).toEqual({ ok: false, reason: 'Origin https://evil.example is not this server' });
  });

  it('refuses a request without an Origin', () => {
    expect(upgradeAllowed(request({ host: '127.0.0.1:5180' }), true).ok).toBe(false);
  });

  it('refuses a rebinding host name when bound to loopback', () => {
    const verdict = upgradeAllowed(request({ host: 'attacker.example:5180', origin: 'http://attacker.example:5180' }), true);
    expect(verdict).toEqual({ ok: false, reason: 'Host attacker.example:5180 is not this machine' });
  });

  it('accepts any host name when serving a lab, as long as the page is its own', () => {
    expect(upgradeAllowed(request({ host: 'lab-server:8080', origin: 'http://lab-server:8080' }), false)).toEqual({ ok: true });
    expect(upgradeAllowed(request({ host: 'lab-server:8080', origin: 'http://other:8080' }), false).ok).toBe(false);
  });

  it('refuses non-web origins', () => {
    expect(upgradeAllowed(request({ host: '127.0.0.1:1', origin: 'file://' }), true).ok).toBe(false);
    expect(upgradeAllowed(request({ host: '127.0.0.1:1', origin: 'null' }), true).ok).toBe(false);
  });
});
