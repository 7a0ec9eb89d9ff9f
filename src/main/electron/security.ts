import { shell, type BrowserWindow, type Session, type WebContents } from 'electron';

/** Only these external links leave the app, through the OS browser, never inside a window. */
const allowedExternalHosts = ['huggingface.co', 'github.com', 'hf-mirror.com'];

export function isAllowedExternalUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    return (
      url.protocol === 'https:' &&
      !url.username &&
      !url.password &&
      allowedExternalHosts.some((h) => url.hostname === h || url.hostname.endsWith(`.${h}`))
    );
  } catch {
    return false;
  }
}

/**
 * Navigation of any frame away from the app and new windows are refused; vetted https links open
 * in the OS browser. The app has no frames of its own, so no subframe may navigate at all.
 */
export function lockDownWebContents(contents: WebContents, isAppUrl: (url: string) => boolean): void {
  contents.on('will-frame-navigate', (details) => {
    if (!details.isMainFrame || !isAppUrl(details.url)) details.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** No page is granted a permission (camera, notifications, clipboard reads, devices…), asked or checked. */
export function lockDownSession(session: Session): void {
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}

export function contentSecurityPolicyHeader(window: BrowserWindow, csp: string): void {
  window.webContents.session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } });
  });
}
