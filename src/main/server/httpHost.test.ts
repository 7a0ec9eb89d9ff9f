import { ORPCError } from '@orpc/client';
import type { ContractRouterClient } from '@orpc/contract';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { useTempDirs } from '../../../test/support/tempDir';
import { createTestApp } from '../../../test/support/testApp';
import { startTestHost, type TestHost } from '../../../test/support/testHost';
import type { AppContract } from '../../shared/contract';
import type { App } from '../composition';
import { OpenAiRoutes } from './api/openAiRoutes';
import { HostSecret } from './hostSecret';
import { startHttpHost } from './httpHost';
import { rawHttp as http } from '../../../test/support/rawHttp';

const tempDir = useTempDirs();
const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

async function startHost(): Promise<{ app: App; host: TestHost; server: TestHost['server']; wsUrl: string }> {
  const app = createTestApp(tempDir());
  cleanup.push(() => app.dispose());
  const rendererDir = tempDir();
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Caliper</title>');
  writeFileSync(join(tempDir(), 'secret.txt'), 'outside the renderer');
  const host = await startTestHost(app, { rendererDir });
  cleanup.push(() => host.close());
  return { app, host, server: host.server, wsUrl: host.wsUrl };
}

/** Opens a raw socket; `headers` as a browser or a script would send them. */
async function openSocket(url: string, headers: Record<string, string> = {}): Promise<WebSocket> {
  const { origin, ...rest } = headers;
  const ws = new WebSocket(url, { headers: rest, ...(origin ? { origin } : {}) });
  cleanup.push(() => ws.close());
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return ws;
}

const bearer = (host: TestHost) => ({ authorization: `Bearer ${host.token}` });

async function connect(host: TestHost): Promise<ContractRouterClient<AppContract>> {
  return host.connect();
}


const httpGet = (port: number, path: string) => http(port, path);

describe('headless host over WebSocket', () => {
  it('serves the contract, with typed errors', async () => {
    const { host } = await startHost();
    const client = await connect(host);
    expect((await client.system.info()).shell).toBe('headless');
    expect(await client.settings.update({ theme: 'dark' })).toMatchObject({ theme: 'dark' });

    const error = await client.settings.update({ modelFolders: ['/missing/folder'] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ORPCError);
    expect(error).toMatchObject({ code: 'FOLDER_NOT_FOUND', data: { path: '/missing/folder' } });
    const invalid = await client.settings.update({ language: 42 } as never).catch((e: unknown) => e);
    expect(invalid).toMatchObject({ code: 'INVALID_INPUT', data: { issues: [{ path: 'language' }] } });
  });

  it('cancels a stream when the caller aborts and releases the subscription on the host', async () => {
    const { app, host } = await startHost();
    const client = await connect(host);
    // The library follows the folders setting itself: count only what the subscription adds.
    const listeners = (app.services.settings as unknown as { didChange: { listeners: Set<unknown> } }).didChange
      .listeners;
    const before = listeners.size;
    const controller = new AbortController();
    const stream = await client.settings.onDidChange(undefined, { signal: controller.signal });
    const first = await stream.next();
    expect(first.value).toMatchObject({ theme: 'system' });
    expect(listeners.size).toBe(before + 1);
    controller.abort();
    await expect(stream.next()).rejects.toThrow();
    await expect.poll(() => listeners.size).toBe(before);
  });

  it('survives malformed frames and unknown procedures, and keeps answering', async () => {
    const { host, wsUrl } = await startHost();
    const raw = await openSocket(wsUrl, bearer(host));
    raw.send('not json at all');
    raw.send(Buffer.from([0, 1, 2, 3, 255, 254]));
    raw.send(JSON.stringify({ i: 1, t: 99, p: { nonsense: true } }));
    raw.send(JSON.stringify([1, 0, { u: 'orpc:/../../etc/passwd', b: {} }]));

    const client = await connect(host);
    const unknown = await (client as unknown as { nope: { call(): Promise<unknown> } }).nope
      .call()
      .catch((e: unknown) => e);
    expect(unknown).toMatchObject({ code: 'NOT_FOUND' });
    expect((await client.settings.get()).theme).toBe('system');
  });

  it('drops an oversized frame by closing that socket only', async () => {
    const { host, wsUrl } = await startHost();
    const raw = await openSocket(wsUrl, bearer(host));
    const closed = new Promise<number>((resolve) => raw.once('close', (code) => resolve(code)));
    raw.send('x'.repeat(25 * 1024 * 1024));
    expect(await closed).toBe(1009); // message too big
    const client = await connect(host);
    expect((await client.settings.get()).language).toBe('system');
  });

  it('refuses WebSocket upgrades from another origin or to another path', async () => {
    const { host, server, wsUrl } = await startHost();
    await expect(openSocket(wsUrl, { ...bearer(host), origin: 'http://evil.example' })).rejects.toThrow(/403/);
    await expect(openSocket(`ws://127.0.0.1:${server.port}/other`, bearer(host))).rejects.toThrow(/403/);
    await expect(openSocket(wsUrl, { ...bearer(host), origin: `http://127.0.0.1:${server.port}` })).resolves.toBeTruthy();
    await expect(openSocket(wsUrl, { ...bearer(host), origin: `http://localhost:${server.port}` })).resolves.toBeTruthy();
  });

  it('serves the renderer with a strict CSP and never a file outside it', async () => {
    const { server } = await startHost();
    const index = await httpGet(server.port, '/');
    expect(index.status).toBe(200);
    expect(String(index.headers['content-security-policy'])).toContain("script-src 'self'");
    expect(String(index.headers['content-security-policy'])).not.toContain('unsafe-eval');
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/%00']) {
      const res = await httpGet(server.port, path);
      expect(res.body, path).not.toContain('outside the renderer');
    }
    // Client-side routes fall back to the app.
    expect((await httpGet(server.port, '/models')).body).toContain('<title>Caliper</title>');
  });

  it('reports a port already in use as EADDRINUSE and leaves the first host running', async () => {
    const { app, host, server } = await startHost();
    await expect(
      startHttpHost({
        page: { router: app.router, rendererDir: tempDir(), secret: HostSecret.generate() },
        api: new OpenAiRoutes(app.services.api, app.services.settings),
        host: '127.0.0.1',
        port: server.port,
      }),
    ).rejects.toMatchObject({ code: 'EADDRINUSE' });
    const client = await connect(host);
    expect((await client.system.info()).shell).toBe('headless');
  });
});
