import { net, protocol } from 'electron';
import { pathToFileURL } from 'node:url';
import { APP_SCHEME, rendererFileFor } from '../base/appUrl';

/** Before `ready`: app:// gets an origin, fetch and a secure context, like https. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/**
 * Serves the built renderer (inside app.asar when packaged) on app://caliper. Every response
 * carries the CSP, so it holds for the packaged files exactly as for the headless host's.
 */
export function serveAppProtocol(rendererDir: string, csp: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = rendererFileFor(rendererDir, request.url);
    const response = file ? await net.fetch(pathToFileURL(file).href).catch(() => null) : null;
    if (!response?.ok) return new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain' } });
    const headers = new Headers(response.headers);
    headers.set('content-security-policy', csp);
    headers.set('x-content-type-options', 'nosniff');
    headers.set('referrer-policy', 'no-referrer');
    return new Response(response.body, { status: 200, headers });
  });
}
