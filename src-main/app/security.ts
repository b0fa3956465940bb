import { app, session, type WebContents } from 'electron';
import { contentSecurityPolicy, GRANTED_PERMISSIONS, isRendererUrl, withContentSecurityPolicy, type RendererLocation } from './web-policy';

/**
 * Process-wide hardening, applied before any window exists. The renderer is a
 * local app that loads nothing remote, so everything a web page could ask for
 * beyond that is refused: navigation, new windows, <webview>, permissions.
 */
export function hardenApp(location: RendererLocation, isOwnWindow: (contents: WebContents) => boolean): void {
  const policy = contentSecurityPolicy(location.devServerUrl);
  const ses = session.defaultSession;

  // Every response gets Nestor's policy, file:// included (Chromium applies header CSP to file documents Electron serves).
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders, policy) });
  });

  ses.setPermissionRequestHandler((contents, permission, callback, details) => {
    callback(GRANTED_PERMISSIONS.has(permission) && isRendererUrl(details.requestingUrl, location) && isOwnWindow(contents));
  });
  ses.setPermissionCheckHandler((contents, permission, requestingOrigin, details) => {
    const url = details.requestingUrl ?? requestingOrigin;
    return GRANTED_PERMISSIONS.has(permission) && contents !== null && isRendererUrl(url, location) && isOwnWindow(contents);
  });

  app.on('web-contents-created', (_event, contents) => guardContents(contents, location));
}

function guardContents(contents: WebContents, location: RendererLocation): void {
  const refuseNavigation = (event: { preventDefault(): void; url: string }) => {
    // Reloading the renderer itself (dev reload, or a hash/query change) is allowed; going anywhere else is not.
    if (!isRendererUrl(event.url, location)) {
      event.preventDefault();
      console.warn(`Nestor blocked navigation to ${describe(event.url)}.`);
    }
  };
  contents.on('will-navigate', refuseNavigation);
  // will-navigate covers the main frame only. The renderer has no frames of its own, so a subframe navigating anywhere is refused.
  contents.on('will-frame-navigate', (event) => {
    if (event.isMainFrame) return;
    event.preventDefault();
    console.warn(`Nestor blocked a frame navigating to ${describe(event.url)}.`);
  });
  contents.on('will-redirect', refuseNavigation);

  // Links never open windows; the only external page Nestor offers (lme4 on CRAN) opens from the Help menu in the browser.
  contents.setWindowOpenHandler(({ url }) => {
    console.warn(`Nestor blocked a new window for ${describe(url)}.`);
    return { action: 'deny' };
  });

  contents.on('will-attach-webview', (event) => event.preventDefault());
}

function describe(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'file:' ? 'a local file' : `${parsed.origin}${parsed.pathname}`;
  } catch {
    return 'an unknown address';
  }
}
