import { isAbsolute, join, normalize, relative } from 'node:path';

/**
 * The desktop window's origin. Its pages come from a custom protocol rather than file://, so they
 * get a real origin (postMessage, the CSP's 'self'), response headers (the CSP) and no file://
 * privileges (the GrantFileProtocolExtraPrivileges fuse is off).
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'caliper';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/** Whether `url` is the app's own page (any hash route), the only page the window may show. */
export function isAppPage(url: string): boolean {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}` === APP_ORIGIN && parsed.pathname === '/index.html' && !parsed.username && !parsed.password;
  } catch {
    return false;
  }
}

/**
 * The file under `root` that an app:// request names, or null: another host, a path that leaves
 * `root` once decoded, a backslash or a NUL byte. `/` is the index page.
 */
export function rendererFileFor(root: string, url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  // No asset has a backslash in its name; on Windows one would be a separator.
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  const rel = normalize(pathname === '/' ? 'index.html' : pathname.replace(/^[/\\]+/, ''));
  const file = join(root, rel);
  const inside = relative(root, file);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return null;
  return file;
}
