/**
 * What the window may load and who may talk to main, as plain functions (no
 * electron import) so the rules are unit-tested. The renderer is either the
 * built index.html on disk (file://) or, under `electron-vite dev`, the Vite
 * dev server; nothing else is ever trusted.
 */
export interface RendererLocation {
  /** The built renderer's index.html as a file:// URL. */
  fileUrl: string;
  /** ELECTRON_RENDERER_URL when running under `electron-vite dev`; otherwise null. */
  devServerUrl: string | null;
  /** Windows paths are case-insensitive, and Chromium may report a drive letter in either case. */
  caseInsensitivePaths: boolean;
}

/** The address the window loads. */
export function rendererEntryUrl(location: RendererLocation): string {
  return location.devServerUrl ?? location.fileUrl;
}

/**
 * Is `url` a document of Nestor's own renderer? For file:// it must be the one
 * built index.html (any other local file is not ours, even in the same
 * folder); for the dev server, any page of its origin. Query and hash are
 * ignored: they do not change which document it is.
 */
export function isRendererUrl(url: string, location: RendererLocation): boolean {
  const candidate = parse(url);
  if (!candidate) return false;
  if (location.devServerUrl !== null) {
    const dev = parse(location.devServerUrl);
    return dev !== null && candidate.origin === dev.origin && (candidate.protocol === 'http:' || candidate.protocol === 'https:');
  }
  const own = parse(location.fileUrl);
  if (!own || candidate.protocol !== 'file:' || candidate.host !== own.host) return false;
  const a = decodePath(candidate.pathname);
  const b = decodePath(own.pathname);
  if (a === null || b === null) return false;
  return location.caseInsensitivePaths ? a.toLowerCase() === b.toLowerCase() : a === b;
}

/**
 * The Content-Security-Policy of every renderer response. Svelte puts
 * component styles in <style> elements at run time, hence style-src
 * 'unsafe-inline'; nothing needs inline scripts or eval. Under the dev server
 * Vite's client talks to it over a WebSocket for hot reload, so exactly that
 * ws:// origin is added, and only then.
 */
export function contentSecurityPolicy(devServerUrl: string | null): string {
  const connect = ["'self'"];
  const dev = devServerUrl === null ? null : parse(devServerUrl);
  if (dev) connect.push(`${dev.protocol === 'https:' ? 'wss' : 'ws'}://${dev.host}`);
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    `connect-src ${connect.join(' ')}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * Response headers with Nestor's policy in place of any the server sent.
 * Header names are case-insensitive, so a dev server's own
 * `content-security-policy` is dropped rather than combined with ours.
 */
export function withContentSecurityPolicy(
  headers: Record<string, string[]> | undefined,
  policy: string,
): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const lower = name.toLowerCase();
    if (lower === 'content-security-policy' || lower === 'content-security-policy-report-only') continue;
    out[name] = value;
  }
  out['Content-Security-Policy'] = [policy];
  return out;
}

/** Only these permissions are ever granted, and only to the renderer: writing (not reading) the clipboard for "Copy table". */
export const GRANTED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

function decodePath(pathname: string): string | null {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return null;
  }
}
