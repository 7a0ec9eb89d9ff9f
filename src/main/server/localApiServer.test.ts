import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { useTempDirs } from '../../../test/support/tempDir';
import { createTestApp } from '../../../test/support/testApp';
import { LocalApiServer } from './localApiServer';

const tempDir = useTempDirs();
const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

/** A port nobody listens on now (the OS picks it, then it is released). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function start() {
  const app = createTestApp(tempDir());
  cleanup.push(() => app.dispose());
  const local = new LocalApiServer({ api: app.services.api, settings: app.services.settings });
  cleanup.push(() => local.dispose());
  return { app, local };
}

describe("the desktop app's API port", () => {
  it('stays closed until turned on, then serves /v1 only, with keys, and closes again', async () => {
    const { app, local } = start();
    const port = await freePort();
    app.services.settings.update({ apiPort: port });
    await local.start();
    expect(app.services.api.status()).toMatchObject({ serving: false, baseUrl: null });
    await expect(fetch(`http://127.0.0.1:${port}/v1/models`)).rejects.toThrow();

    app.services.settings.update({ apiEnabled: true });
    await local.apply();
    expect(app.services.api.status()).toMatchObject({ serving: true, baseUrl: `http://127.0.0.1:${port}/v1`, error: null });
    const { key } = app.services.api.keys.create('desktop test');
    const models = await fetch(`http://127.0.0.1:${port}/v1/models`, { headers: { authorization: `Bearer ${key}` } });
    expect(models.status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${port}/v1/models`)).status).toBe(401);
    // No page, no contract on this port: the window uses its MessagePort.
    expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(404);
    const ws = new WebSocket(`ws://127.0.0.1:${port}/rpc`, { headers: { authorization: `Bearer ${key}` } });
    await expect(new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject))).rejects.toThrow(/403/);

    app.services.settings.update({ apiEnabled: false });
    await local.apply();
    expect(app.services.api.status().serving).toBe(false);
    await expect(fetch(`http://127.0.0.1:${port}/v1/models`, { headers: { authorization: `Bearer ${key}` } })).rejects.toThrow();
  });

  it('says when the port is taken, and moves when the port setting changes', async () => {
    const { app, local } = start();
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    cleanup.push(() => new Promise((resolve) => blocker.close(() => resolve(undefined))));
    const taken = (blocker.address() as { port: number }).port;
    app.services.settings.update({ apiEnabled: true, apiPort: taken });
    await local.start();
    expect(app.services.api.status()).toMatchObject({ serving: false, error: 'PORT_IN_USE' });

    const port = await freePort();
    app.services.settings.update({ apiPort: port });
    await local.apply();
    expect(app.services.api.status()).toMatchObject({ serving: true, baseUrl: `http://127.0.0.1:${port}/v1`, error: null });
  });
});
