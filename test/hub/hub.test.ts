import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureFixtures, type FixtureSet } from '../fixtures/generate';
import { FakeHub } from '../support/fakeHub';
import { fixtureHubModels } from '../support/hubModels';
import { useTempDirs } from '../support/tempDir';
import { createTestApp } from '../support/testApp';
import type { App } from '../../src/main/composition';
import { rejection } from '../support/rejection';

const tempDir = useTempDirs();
const apps: App[] = [];
let fixtures: FixtureSet;
let hub: FakeHub;

beforeAll(async () => {
  fixtures = await ensureFixtures();
  hub = await FakeHub.start(fixtureHubModels(fixtures));
});
afterAll(() => hub.close());
afterEach(async () => {
  for (const app of apps.splice(0)) await app.dispose();
  hub.requests.length = 0;
});

function start(endpoint: string | undefined = hub.url): App {
  const app = createTestApp(tempDir(), undefined, { hubEndpointEnv: endpoint });
  apps.push(app);
  return app;
}


describe('hub search and model pages', () => {
  it('finds GGUF models only, sorted as asked', async () => {
    const app = start();
    const byDownloads = await app.client.hub.search({ query: 'caliper', sort: 'downloads' });
    expect(byDownloads.map((m) => m.id)).toEqual([
      'caliper-test/Tiny-Llama-GGUF',
      'caliper-test/Tiny-Qwen2-GGUF',
      'caliper-test/Tiny-MoE-GGUF',
      'caliper-test/Gated-GGUF',
    ]);
    const byLikes = await app.client.hub.search({ query: 'tiny', sort: 'likes' });
    expect(byLikes.map((m) => m.id)).toEqual(['caliper-test/Tiny-MoE-GGUF', 'caliper-test/Tiny-Qwen2-GGUF', 'caliper-test/Tiny-Llama-GGUF']);
    const recent = await app.client.hub.search({ query: 'tiny', sort: 'lastModified' });
    expect(recent[0]).toMatchObject({ id: 'caliper-test/Tiny-MoE-GGUF', author: 'caliper-test', lastModified: Date.parse('2026-11-20T00:00:00.000Z') });
    expect(hub.requests.find((r) => r.url.startsWith('/api/models?'))?.url).toContain('filter=gguf');
  });

  it('shows a model page: card summary as plain text, license, and files grouped with sizes and sha256', async () => {
    const app = start();
    const model = await app.client.hub.model({ repoId: 'caliper-test/Tiny-Qwen2-GGUF' });
    expect(model.license).toBe('apache-2.0');
    expect(model.baseModels).toEqual(['Qwen/Qwen2.5-0.5B-Instruct']);
    expect(model.summary).toContain('A tiny Qwen2-architecture model generated for tests.');
    expect(model.summary).not.toMatch(/<img|onerror|\*\*|\|/);
    expect(model.groups.map((g) => g.primaryPath).sort()).toEqual(['split/tiny-qwen2-F32-00001-of-00002.gguf', 'tiny-qwen2-F32.gguf']);
    const single = model.groups.find((g) => g.primaryPath === 'tiny-qwen2-F32.gguf')!;
    expect(single).toMatchObject({ quantization: 'F32', totalBytes: fixtures.byId.qwen2.sizeBytes });
    expect(single.files[0]!.sha256).toBe(fixtures.byId.qwen2.sha256);
    const split = model.groups.find((g) => g.files.length === 2)!;
    expect(split.files.map((f) => f.split)).toEqual([{ part: 1, total: 2 }, { part: 2, total: 2 }]);
    expect(split.totalBytes).toBe(split.files[0]!.sizeBytes + split.files[1]!.sizeBytes);
  });

  it('says the Hub cannot be reached when offline, and the library still works', async () => {
    const app = start('http://127.0.0.1:9');
    const error = await rejection(app.client.hub.search({ query: 'x' }));
    expect(error.code).toBe('HUB_UNREACHABLE');
    expect(error.data.endpoint).toBe('http://127.0.0.1:9');
    expect((await app.client.library.list()).files).toEqual([]);
  });

  it('uses the endpoint setting over HF_ENDPOINT, and reports where it came from', async () => {
    const app = start('http://127.0.0.1:9');
    expect(await app.client.hub.status()).toEqual({ endpoint: 'http://127.0.0.1:9', endpointSource: 'environment', hasToken: false });
    await app.client.settings.update({ hubEndpoint: hub.url });
    expect((await app.client.hub.status()).endpointSource).toBe('setting');
    expect(await app.client.hub.search({ query: 'moe' })).toHaveLength(1);
    expect((await rejection(app.client.settings.update({ hubEndpoint: 'ftp://x' }))).code).toBe('INVALID_INPUT');
    expect((await rejection(app.client.settings.update({ hubEndpoint: 'https://user:pw@hub.example' }))).code).toBe('INVALID_INPUT');
  });

  it('sends the token to the endpoint only, never to the CDN it redirects to, and never shows it', async () => {
    const app = start();
    const refused = await rejection(app.client.hub.model({ repoId: 'caliper-test/Gated-GGUF' }));
    expect(refused.code).toBe('HUB_UNAUTHORIZED');

    const before = hub.requests.length;
    const status = await app.client.hub.setToken({ token: 'hf_secret_token_123' });
    expect(status.hasToken).toBe(true);
    expect(JSON.stringify(status)).not.toContain('hf_secret');
    expect(JSON.stringify(await app.client.settings.get())).not.toContain('hf_secret');
    const model = await app.client.hub.model({ repoId: 'caliper-test/Gated-GGUF' });
    await app.client.hub.fit({ repoId: model.id, path: 'gated-F32.gguf' });

    const toHub = hub.requests.slice(before).filter((r) => r.origin === 'hub');
    expect(toHub.length).toBeGreaterThan(0);
    expect(toHub.every((r) => r.authorization === 'Bearer hf_secret_token_123')).toBe(true);
    const toCdn = hub.requests.slice(before).filter((r) => r.origin === 'cdn');
    expect(toCdn.length).toBeGreaterThan(0);
    expect(toCdn.every((r) => r.authorization === null)).toBe(true);

    await app.client.hub.setToken({ token: null });
    expect((await app.client.hub.status()).hasToken).toBe(false);
  });

  it('forgets the token when the endpoint changes, so a swapped endpoint never receives it', async () => {
    const app = start();
    await app.client.hub.setToken({ token: 'hf_secret_token_123' });
    const attacker = await FakeHub.start(fixtureHubModels(fixtures));
    try {
      await app.client.settings.update({ hubEndpoint: attacker.url });
      expect((await app.client.hub.status()).hasToken).toBe(false);
      await app.client.hub.search({ query: 'tiny' });
      expect(attacker.requests.length).toBeGreaterThan(0);
      expect(attacker.requests.every((r) => r.authorization === null)).toBe(true);
      // Back to the first endpoint: the token is gone for good, not waiting to follow.
      await app.client.settings.update({ hubEndpoint: hub.url });
      expect((await app.client.hub.status()).hasToken).toBe(false);
    } finally {
      await attacker.close();
    }
  });

  /**
   * A "public" endpoint simulated on loopback: `hub.test` resolves to a public address for the
   * checks, and the connection itself is made to the fake Hub.
   */
  function startPublic(): App {
    const port = new URL(hub.url).port;
    const app = createTestApp(tempDir(), undefined, {
      hubEndpointEnv: `http://hub.test:${port}`,
      hubOptions: {
        resolveHost: async (name) => (name === 'hub.test' ? ['93.184.216.34'] : [name]),
        fetch: (input, init) => {
          const url = new URL(String(input));
          if (url.hostname === 'hub.test') url.hostname = '127.0.0.1';
          return fetch(url, init);
        },
      },
    });
    apps.push(app);
    return app;
  }

  it('never sends the token over plain http to a host that is not this machine', async () => {
    const app = startPublic();
    await app.client.hub.setToken({ token: 'hf_secret_token_123' });
    const before = hub.requests.length;
    await app.client.hub.search({ query: 'tiny' });
    const sent = hub.requests.slice(before);
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.every((r) => r.authorization === null)).toBe(true);
  });

  it('refuses a redirect from a public endpoint into this machine', async () => {
    const app = startPublic();
    // The fake Hub sends file content to its CDN on 127.0.0.1, as a hostile Hub would send Caliper to a local service.
    const error = await rejection(app.client.hub.fit({ repoId: 'caliper-test/Tiny-MoE-GGUF', path: 'tiny-mixtral-moe-F32.gguf' }));
    expect(error.code).toBe('HUB_REDIRECT_REFUSED');
    expect(error.data.host).toBe(new URL(hub.cdnUrl).host);
    expect(hub.requests.filter((r) => r.origin === 'cdn')).toEqual([]);
  });

  it('refuses repository ids that are not owner/name', async () => {
    const app = start();
    for (const repoId of ['../etc', 'a/../../b', '/abs/path', 'a/b/c', 'a\0/b', 'a/..']) {
      expect((await rejection(app.client.hub.model({ repoId }))).code).toBe('INVALID_INPUT');
    }
  });
});

describe('fit before download', () => {
  it('labels a remote file from its header alone, read with range requests', async () => {
    const app = start();
    const remote = await app.client.hub.fit({ repoId: 'caliper-test/Tiny-MoE-GGUF', path: 'tiny-mixtral-moe-F32.gguf' });
    expect(remote.facts).toMatchObject({ architecture: 'llama', expertCount: fixtures.byId['mixtral-moe'].facts.expertCount });
    expect(remote.fit.label).toBe('cpu');
    expect(remote.fit.estimate.ramBytes).toBeGreaterThan(0);
    const content = hub.requests.filter((r) => r.origin === 'cdn' && r.method === 'GET');
    expect(content.every((r) => r.range?.startsWith('bytes=0-'))).toBe(true);

    // The same file on disk gets the same label and estimate.
    const { modelsDir } = await app.client.system.info();
    const localPath = join(modelsDir, 'moe.gguf');
    copyFileSync(fixtures.byId['mixtral-moe'].path, localPath);
    const local = await app.client.engine.fit({ path: localPath });
    expect(local.label).toBe(remote.fit.label);
    expect({ ...local.estimate, availableRamBytes: 0 }).toEqual({ ...remote.fit.estimate, availableRamBytes: 0 });
  });

  it('reads only the header even when the server ignores Range', async () => {
    const app = start();
    hub.setFaults('caliper-test/Tiny-MoE-GGUF', 'tiny-mixtral-moe-F32.gguf', { ignoreRange: true, bytesPerSecond: 200_000 });
    const remote = await app.client.hub.fit({ repoId: 'caliper-test/Tiny-MoE-GGUF', path: 'tiny-mixtral-moe-F32.gguf' });
    expect(remote.fit.label).toBe('cpu');
    hub.setFaults('caliper-test/Tiny-MoE-GGUF', 'tiny-mixtral-moe-F32.gguf', {});
  });

  it('estimates a split model from the headers of all its parts', async () => {
    const app = start();
    const remote = await app.client.hub.fit({ repoId: 'caliper-test/Tiny-Qwen2-GGUF', path: 'split/tiny-qwen2-F32-00001-of-00002.gguf' });
    const single = await app.client.hub.fit({ repoId: 'caliper-test/Tiny-Qwen2-GGUF', path: 'tiny-qwen2-F32.gguf' });
    expect(remote.facts.architecture).toBe('qwen2');
    expect(remote.fit.estimate.ramBytes).toBeGreaterThan(0);
    expect(Math.abs(remote.fit.estimate.ramBytes - single.fit.estimate.ramBytes) / single.fit.estimate.ramBytes).toBeLessThan(0.05);
  });

  it('says will not fit on a machine too small, before any download', async () => {
    process.env.CALIPER_AVAILABLE_RAM_BYTES = String(256 * 1024);
    try {
      const app = start();
      const remote = await app.client.hub.fit({ repoId: 'caliper-test/Tiny-Llama-GGUF', path: 'tiny-llama-gqa-F32.gguf' });
      expect(remote.fit.label).toBe('wont_fit');
      expect(remote.fit.estimate.availableRamBytes).toBe(256 * 1024);
    } finally {
      delete process.env.CALIPER_AVAILABLE_RAM_BYTES;
    }
  });

  it('reports a remote file that is not a GGUF', async () => {
    const app = start();
    hub.addModel({ id: 'caliper-test/Broken-GGUF', tags: ['gguf'], files: [{ path: 'broken.gguf', content: Buffer.from('not a gguf at all, just text') }] });
    const error = await rejection(app.client.hub.fit({ repoId: 'caliper-test/Broken-GGUF', path: 'broken.gguf' }));
    expect(error.code).toBe('NOT_A_GGUF');
    expect(error.data.problem).toBe('BAD_MAGIC');
  });
});
