import { describe, expect, it } from 'vitest';
import {
  contentSecurityPolicy,
  isRendererUrl,
  rendererEntryUrl,
  withContentSecurityPolicy,
  type RendererLocation,
} from '../../../src-main/app/web-policy';

const built: RendererLocation = {
  fileUrl: 'file:///opt/Nestor/resources/app.asar/out/renderer/index.html',
  devServerUrl: null,
  caseInsensitivePaths: false,
};
const dev: RendererLocation = { ...built, devServerUrl: 'http://localhost:5173/' };

describe('isRendererUrl', () => {
  it('trusts the built index.html, whatever its query or hash', () => {
    expect(isRendererUrl(built.fileUrl, built)).toBe(true);
    expect(isRendererUrl(`${built.fileUrl}?view=plots#results`, built)).toBe(true);
  });

  it('trusts no other local file, even next to index.html', () => {
    expect(isRendererUrl('file:///opt/Nestor/resources/app.asar/out/renderer/other.html', built)).toBe(false);
    expect(isRendererUrl('file:///opt/Nestor/resources/app.asar/out/renderer/../renderer/index.html.bak', built)).toBe(false);
    expect(isRendererUrl('file:///etc/passwd', built)).toBe(false);
  });

  it('compares the decoded path, so an encoded spelling of index.html is the same document', () => {
    expect(isRendererUrl('file:///opt/Nestor/resources/app.asar/out/renderer/index%2Ehtml', built)).toBe(true);
  });

  it('trusts no web page, and no dev server, in a built app', () => {
    expect(isRendererUrl('https://example.org/', built)).toBe(false);
    expect(isRendererUrl('http://localhost:5173/', built)).toBe(false);
    expect(isRendererUrl('not a url', built)).toBe(false);
  });

  it('under the dev server trusts its origin only, not the built file', () => {
    expect(isRendererUrl('http://localhost:5173/', dev)).toBe(true);
    expect(isRendererUrl('http://localhost:5173/src/App.svelte?t=1', dev)).toBe(true);
    expect(isRendererUrl('http://localhost:5174/', dev)).toBe(false);
    expect(isRendererUrl('http://127.0.0.1:5173/', dev)).toBe(false);
    expect(isRendererUrl(built.fileUrl, dev)).toBe(false);
  });

  it('ignores drive-letter case on Windows only', () => {
    const win: RendererLocation = { fileUrl: 'file:///C:/Program%20Files/Nestor/out/renderer/index.html', devServerUrl: null, caseInsensitivePaths: true };
    expect(isRendererUrl('file:///c:/Program%20Files/Nestor/out/renderer/index.html', win)).toBe(true);
    expect(isRendererUrl('file:///c:/Program%20Files/Nestor/out/renderer/index.html', { ...win, caseInsensitivePaths: false })).toBe(false);
  });
});

describe('rendererEntryUrl', () => {
  it('loads the dev server when there is one, else the built file', () => {
    expect(rendererEntryUrl(dev)).toBe('http://localhost:5173/');
    expect(rendererEntryUrl(built)).toBe(built.fileUrl);
  });
});

describe('contentSecurityPolicy', () => {
  it('is the strict policy for a built app', () => {
    expect(contentSecurityPolicy(null)).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
  });

  it("adds only the dev server's WebSocket for hot reload", () => {
    const policy = contentSecurityPolicy('http://localhost:5173/');
    expect(policy).toContain("connect-src 'self' ws://localhost:5173;");
    expect(policy).toContain("script-src 'self';");
    expect(policy).not.toContain('unsafe-eval');
  });
});

describe('withContentSecurityPolicy', () => {
  it("replaces any policy the server sent, whatever the header's case, and keeps other headers", () => {
    const out = withContentSecurityPolicy(
      { 'content-security-policy': ["default-src *"], 'Content-Type': ['text/html'], 'Content-Security-Policy-Report-Only': ['x'] },
      "default-src 'self'",
    );
    expect(out).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': ["default-src 'self'"] });
  });

  it('adds the policy to a response without headers', () => {
    expect(withContentSecurityPolicy(undefined, "default-src 'self'")).toEqual({ 'Content-Security-Policy': ["default-src 'self'"] });
  });
});
