import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { rejection } from '../../../test/support/rejection';
import { useTempDirs } from '../../../test/support/tempDir';
import { createTestApp } from '../../../test/support/testApp';
import { startTestHost, type TestHost } from '../../../test/support/testHost';
import type { App } from '../composition';
import { HostAllowList } from './boundary';
import { rawHttp as http } from '../../../test/support/rawHttp';

/**
 * The network boundary, written as the attacks it stops: a DNS-rebound page, a caller without the
 * secret, a guessed token, a flood of sockets, hostile folders and inputs. Each expects the refusal.
 */

const tempDir = useTempDirs();
const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

async function startHost(): Promise<{ app: App; host: TestHost }> {
  const app = createTestApp(tempDir());
  cleanup.push(() => app.dispose());
  const host = await startTestHost(app);
  cleanup.push(() => host.close());
  return { app, host };
}


/** Resolves with the socket once open, or rejects with the HTTP status the upgrade got. */
function upgrade(url: string, headers: Record<string, string> = {}): Promise<WebSocket> {
  const ws = new WebSocket(url, { headers });
  cleanup.push(() => ws.terminate());
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`status ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

describe('DNS rebinding', () => {
  it('refuses a page served under another name, whatever Origin it sends', async () => {
    const { host } = await startHost();
    const rebound = { host: `evil.example:${host.port}`, origin: `http://evil.example:${host.port}` };
    // The page's WebSocket, even if it somehow held the token.
    await expect(upgrade(host.wsUrl, { ...rebound, authorization: `Bearer ${host.token}` })).rejects.toThrow('status 403');
    expect((await http(host.port, '/', { headers: rebound })).status).toBe(403);
    expect((await http(host.port, '/auth/session', { headers: rebound })).status).toBe(403);
    const api = await http(host.port, '/v1/models', { headers: { ...rebound, authorization: `Bearer ${host.token}` } });
    expect(api.status).toBe(403);
    // A Host of this machine with a foreign Origin (a cross-site page) is refused too.
    const crossSite = { origin: 'http://evil.example' };
    expect((await http(host.port, '/v1/models', { headers: { ...crossSite, authorization: `Bearer ${host.token}` } })).status).toBe(403);
  });

  it('accepts only loopback names and the name the host was started with', () => {
    const lan = new HostAllowList(4750, '192.168.1.5');
    for (const ok of ['127.0.0.1:4750', 'localhost:4750', '[::1]:4750', '192.168.1.5:4750', 'LOCALHOST:4750']) expect(lan.allowsHost(ok), ok).toBe(true);
    for (const bad of ['evil.example:4750', '127.0.0.1:4751', '127.0.0.1', '192.168.1.5', undefined]) expect(lan.allowsHost(bad), String(bad)).toBe(false);
    expect(lan.allowsOrigin('http://localhost:4750')).toBe(true);
    expect(lan.allowsOrigin('https://localhost:4750')).toBe(false);
    expect(lan.allowsOrigin('http://localhost.evil.example:4750')).toBe(false);
    // Listening everywhere adds no name: a rebound name is still not one of ours.
    expect(new HostAllowList(4750, '0.0.0.0').allowsHost('0.0.0.0:4750')).toBe(false);
  });
});

describe('the secret', () => {
  it('keeps /rpc closed without it, and trades the printed URL for an HttpOnly SameSite=Strict cookie', async () => {
    const { host } = await startHost();
    await expect(upgrade(host.wsUrl)).rejects.toThrow('status 401');
    await expect(upgrade(host.wsUrl, { authorization: 'Bearer not-the-token' })).rejects.toThrow('status 401');
    expect(JSON.parse((await http(host.port, '/auth/session')).body)).toEqual({ authenticated: false });

    const wrong = await http(host.port, '/chat?token=guess&x=1');
    expect(wrong.status).toBe(303);
    expect(wrong.headers['set-cookie']).toBeUndefined();

    const visit = await http(host.port, `/chat?token=${encodeURIComponent(host.token)}&x=1`);
    expect(visit.status).toBe(303);
    // The token leaves the address bar (and the history); other parameters stay.
    expect(visit.headers.location).toBe('/chat?x=1');
    const cookie = String(visit.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).not.toContain(host.token);
    const session = cookie.split(';')[0]!;
    expect(JSON.parse((await http(host.port, '/auth/session', { headers: { cookie: session } })).body)).toEqual({ authenticated: true });
    const ws = await upgrade(host.wsUrl, { cookie: session, origin: `http://127.0.0.1:${host.port}` });
    expect(ws.readyState).toBe(WebSocket.OPEN);
  });

  it('signs in with the token posted from the page and slows down guessing', async () => {
    const { host } = await startHost();
    const post = (token: string) =>
      http(host.port, '/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) });
    const ok = await post(host.token);
    expect(ok.status).toBe(200);
    expect(String(ok.headers['set-cookie'])).toMatch(/HttpOnly/);
    for (let i = 0; i < 10; i++) expect((await post(`guess-${i}`)).status).toBe(401);
    // Even the right token waits once a client guessed too often.
    expect((await post(host.token)).status).toBe(429);
  });
});

describe('limits', () => {
  it('caps WebSocket sessions per client and frees a place when one closes', async () => {
    const { host } = await startHost();
    const auth = { authorization: `Bearer ${host.token}` };
    const open = await Promise.all(Array.from({ length: 16 }, () => upgrade(host.wsUrl, auth)));
    await expect(upgrade(host.wsUrl, auth)).rejects.toThrow('status 429');
    const closed = new Promise((resolve) => open[0]!.once('close', resolve));
    open[0]!.close();
    await closed;
    await expect.poll(() => upgrade(host.wsUrl, auth).then(() => true, () => false)).toBe(true);
  });
});

describe('hostile input through the contract', () => {
  it('refuses network, device, root and system folders as model folders', async () => {
    const { host } = await startHost();
    const client = await host.connect();
    for (const folder of ['\\\\attacker\\share', '//attacker/share', '\\\\?\\C:\\models', '/', 'C:\\', '/etc/..', '/proc/self']) {
      const error = await rejection(client.settings.update({ modelFolders: [folder] }));
      expect(error.code, folder).toBe('INVALID_INPUT');
    }
    expect((await client.settings.get()).modelFolders).toEqual([]);
  });

  it('answers a search containing NUL with INVALID_INPUT', async () => {
    const { host } = await startHost();
    const client = await host.connect();
    expect((await rejection(client.chat.search({ query: 'hello\0world' }))).code).toBe('INVALID_INPUT');
  });
});

describe('the API boundary', () => {
  it('needs a key: the host token or a live API key; keyless only when chosen', async () => {
    const { app, host } = await startHost();
    const get = (headers: Record<string, string> = {}) => http(host.port, '/v1/models', { headers });
    const none = await get();
    expect(none.status).toBe(401);
    expect(JSON.parse(none.body)).toMatchObject({ error: { type: 'authentication_error', code: 'invalid_api_key' } });
    expect((await get({ authorization: 'Bearer cal-not-a-key' })).status).toBe(401);
    expect((await get({ authorization: `Bearer ${host.token}` })).status).toBe(200);

    const client = await host.connect();
    const { key, info } = await client.api.keys.create({ name: 'my script' });
    expect((await client.api.keys.list()).map((k) => k.prefix)).toEqual([info.prefix]);
    expect(JSON.stringify(await client.api.keys.list())).not.toContain(key);
    expect((await get({ authorization: `Bearer ${key}` })).status).toBe(200);
    await client.api.keys.revoke({ id: info.id });
    expect((await get({ authorization: `Bearer ${key}` })).status).toBe(401);
    expect((await rejection(client.api.keys.revoke({ id: info.id }))).code).toBe('API_KEY_NOT_FOUND');

    app.services.settings.update({ apiRequireKey: false });
    expect((await get()).status).toBe(200);
    const log = await client.api.log({ limit: 20 });
    expect(log[0]).toMatchObject({ endpoint: 'GET /v1/models', status: 200, keyName: null });
    expect(log.find((e) => e.keyName === 'my script')).toBeTruthy();
    expect(log.filter((e) => e.status === 401).length).toBeGreaterThanOrEqual(3);
  });

  it('answers browsers only from origins the user listed', async () => {
    const { app, host } = await startHost();
    const auth = { authorization: `Bearer ${host.token}` };
    const origin = 'http://localhost:3000';
    expect((await http(host.port, '/v1/models', { headers: { ...auth, origin } })).status).toBe(403);
    app.services.settings.update({ apiCorsOrigins: [origin] });
    const allowed = await http(host.port, '/v1/models', { headers: { ...auth, origin } });
    expect(allowed.status).toBe(200);
    expect(allowed.headers['access-control-allow-origin']).toBe(origin);
    const preflight = await http(host.port, '/v1/chat/completions', {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-methods']).toContain('POST');
    expect((await http(host.port, '/v1/models', { headers: { ...auth, origin: 'http://localhost:3001' } })).status).toBe(403);
  });
});
