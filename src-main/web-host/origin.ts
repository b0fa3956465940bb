import type { IncomingMessage } from 'node:http';

/**
 * Which WebSocket upgrades the browser host accepts. The Origin must be the
 * host's own page (stops other web sites a person visits from driving Nestor
 * through their browser); when bound to loopback, the Host header must name
 * loopback too (stops DNS-rebinding pages that resolve their name to 127.0.0.1).
 */
export function upgradeAllowed(req: IncomingMessage, boundToLoopback: boolean): { ok: true } | { ok: false; reason: string } {
  const host = req.headers.host;
  if (!host) return { ok: false, reason: 'missing Host header' };
  if (boundToLoopback && !isLoopbackHost(host)) return { ok: false, reason: `Host ${host} is not this machine` };
  const origin = req.headers.origin;
  if (!origin) return { ok: false, reason: 'missing Origin header' };
  let originHost: string;
  try {
    const url = new URL(origin);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, reason: `Origin ${origin} is not a web page` };
    originHost = url.host;
  } catch {
    return { ok: false, reason: `Origin ${origin} is not a URL` };
  }
  if (originHost.toLowerCase() !== host.toLowerCase()) return { ok: false, reason: `Origin ${origin} is not this server` };
  return { ok: true };
}

function isLoopbackHost(hostHeader: string): boolean {
  const name = hostHeader.replace(/:\d+$/, '').replace(/^\[|\]$/g, '').toLowerCase();
  return name === 'localhost' || name === '::1' || /^127(\.\d{1,3}){3}$/.test(name);
}
