import { ORPCError } from '@orpc/client';
import { copyFileSync, mkdirSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LibrarySnapshot } from '../shared/contract';
import { ensureFixtures, type FixtureSet } from '../../test/fixtures/generate';
import { useTempDirs } from '../../test/support/tempDir';
import { createTestApp } from '../../test/support/testApp';
import type { App } from './composition';
import { ollamaModelName } from './services/library/ollama';

const tempDir = useTempDirs();
const apps: App[] = [];
const controllers: AbortController[] = [];
let fixtures: FixtureSet;

beforeAll(async () => {
  fixtures = await ensureFixtures();
});
afterEach(async () => {
  for (const c of controllers.splice(0)) c.abort();
  for (const app of apps.splice(0)) await app.dispose();
});

function start(dataDir: string, modelsDir: string): App {
  const app = createTestApp(dataDir, modelsDir);
  apps.push(app);
  return app;
}

async function waitFor<T>(read: () => T | undefined | null | false, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Subscribes to library.onDidChange and keeps every snapshot it sends. */
async function subscribe(app: App): Promise<LibrarySnapshot[]> {
  const controller = new AbortController();
  controllers.push(controller);
  const seen: LibrarySnapshot[] = [];
  const stream = await app.client.library.onDidChange(undefined, { signal: controller.signal });
  void (async () => {
    for await (const snapshot of stream) seen.push(snapshot);
  })().catch(() => undefined);
  return seen;
}

const paths = (s: LibrarySnapshot | undefined) => (s?.files.map((f) => f.relativePath) ?? []).sort();

describe('watching the model folders', () => {
  it('notices files added, renamed and removed without a rescan, and ignores partial downloads', async () => {
    const models = tempDir();
    copyFileSync(fixtures.byId['qwen2'].path, join(models, 'qwen2.gguf'));
    const app = start(tempDir(), models);
    const seen = await subscribe(app);
    await waitFor(() => seen.at(-1)?.files.every((f) => f.sha256), 'the first scan and its hashes');
    expect(paths(seen.at(-1))).toEqual(['qwen2.gguf']);

    // Partial downloads change nothing: no rescan, and never listed.
    const quiet = seen.length;
    writeFileSync(join(models, 'big.gguf.part'), 'GGUF partial');
    mkdirSync(join(models, '.caliper-partial', 'job'), { recursive: true });
    writeFileSync(join(models, '.caliper-partial', 'job', 'big.gguf'), 'GGUF partial');
    await new Promise((r) => setTimeout(r, 1500));
    expect(seen.length).toBe(quiet);
    expect(paths(await app.client.library.list())).toEqual(['qwen2.gguf']);

    mkdirSync(join(models, 'publisher', 'repo'), { recursive: true });
    copyFileSync(fixtures.byId['glm4'].path, join(models, 'publisher', 'repo', 'glm4.gguf'));
    await waitFor(() => paths(seen.at(-1)).includes('publisher/repo/glm4.gguf'), 'the added file');

    renameSync(join(models, 'qwen2.gguf'), join(models, 'renamed.gguf'));
    await waitFor(() => paths(seen.at(-1)).join() === 'publisher/repo/glm4.gguf,renamed.gguf' && seen.at(-1), 'the rename');

    unlinkSync(join(models, 'publisher', 'repo', 'glm4.gguf'));
    await waitFor(() => paths(seen.at(-1)).join() === 'renamed.gguf', 'the removal');
    // A file put into the new sub-folder later is seen too (the folder is watched now).
    copyFileSync(fixtures.byId['phi3'].path, join(models, 'publisher', 'repo', 'phi3.gguf'));
    await waitFor(() => paths(seen.at(-1)).includes('publisher/repo/phi3.gguf'), 'a file in the new folder');
  });

  it('watches a folder added in settings, and stops watching one removed', async () => {
    const models = tempDir();
    const extra = tempDir();
    const app = start(tempDir(), models);
    const seen = await subscribe(app);
    await waitFor(() => seen.length > 0, 'the first scan');
    await app.client.settings.update({ modelFolders: [extra] });
    copyFileSync(fixtures.byId['qwen3'].path, join(extra, 'qwen3.gguf'));
    await waitFor(() => seen.at(-1)?.files.some((f) => f.path === join(extra, 'qwen3.gguf')), 'a file in the added folder');
    await app.client.settings.update({ modelFolders: [] });
    await waitFor(() => seen.at(-1)?.files.length === 0, 'the folder gone from the library');
  });
});

describe('duplicates by SHA-256', () => {
  it('hashes in the background without holding up the list, finds copies, and keeps hashes across restarts', async () => {
    const dataDir = tempDir();
    const models = tempDir();
    mkdirSync(join(models, 'copies'));
    copyFileSync(fixtures.byId['qwen2'].path, join(models, 'a.gguf'));
    copyFileSync(fixtures.byId['qwen2'].path, join(models, 'copies', 'b.gguf'));
    copyFileSync(fixtures.byId['glm4'].path, join(models, 'c.gguf'));
    const first = start(dataDir, models);
    const listed = await first.client.library.list();
    expect(listed.files.map((f) => f.sha256)).toEqual([null, null, null]);

    const hashed = await waitFor(() => {
      const current = first.services.library.current;
      return current?.files.every((f) => f.sha256) && current;
    }, 'every hash');
    const sha = Object.fromEntries(hashed.files.map((f) => [f.relativePath, f.sha256]));
    expect(sha['a.gguf']).toBe(fixtures.byId['qwen2'].sha256);
    expect(sha['copies/b.gguf']).toBe(sha['a.gguf']);
    expect(sha['c.gguf']).toBe(fixtures.byId['glm4'].sha256);
    expect(first.services.library.hashedCount).toBe(3);
    await first.dispose();
    apps.length = 0;

    // A hash the download code verified is recorded, not computed again.
    const downloaded = join(models, 'downloaded.gguf');
    copyFileSync(fixtures.byId['phi3'].path, downloaded);
    const second = start(dataDir, models);
    await second.services.library.fileReady(downloaded, fixtures.byId['phi3'].sha256.toUpperCase());
    const again = await second.client.library.list();
    expect(again.files.every((f) => f.sha256)).toBe(true);
    expect(again.files.find((f) => f.relativePath === 'downloaded.gguf')?.sha256).toBe(fixtures.byId['phi3'].sha256);
    await new Promise((r) => setTimeout(r, 1000));
    expect(second.services.library.hashedCount).toBe(0);
    expect(second.services.fileHashes.pathsWith(sha['a.gguf']!)).toEqual([join(models, 'a.gguf'), join(models, 'copies', 'b.gguf')]);
  });
});

describe('Ollama folders', () => {
  it('lists model blobs under their model names, used in place', async () => {
    const models = tempDir();
    const root = join(models, 'ollama');
    const blob = (sha: string) => join(root, 'blobs', `sha256-${sha}`);
    const manifest = (path: string, body: unknown) => {
      const file = join(root, 'manifests', path);
      mkdirSync(join(file, '..'), { recursive: true });
      writeFileSync(file, typeof body === 'string' ? body : JSON.stringify(body));
    };
    const modelLayer = (sha: string) => ({
      schemaVersion: 2,
      layers: [
        { mediaType: 'application/vnd.ollama.image.template', digest: `sha256:${'1'.repeat(64)}`, size: 10 },
        { mediaType: 'application/vnd.ollama.image.model', digest: `sha256:${sha}`, size: 1 },
      ],
    });
    mkdirSync(join(root, 'blobs'), { recursive: true });
    const qwen = fixtures.byId['qwen2'];
    const glm = fixtures.byId['glm4'];
    copyFileSync(qwen.path, blob(qwen.sha256));
    copyFileSync(glm.path, blob(glm.sha256));
    writeFileSync(`${blob('f'.repeat(64))}-partial-0`, 'GGUF');
    manifest('registry.ollama.ai/library/tiny/latest', modelLayer(qwen.sha256));
    manifest('registry.ollama.ai/library/tiny/q4', modelLayer(qwen.sha256));
    manifest('registry.ollama.ai/someone/glm/v1', modelLayer(glm.sha256));
    manifest('registry.ollama.ai/library/missing/latest', modelLayer('e'.repeat(64)));
    manifest('registry.ollama.ai/library/evil/latest', { layers: [{ mediaType: 'application/vnd.ollama.image.model', digest: 'sha256:../../../../etc/passwd' }] });
    manifest('registry.ollama.ai/library/broken/latest', '{ not json');

    const app = start(tempDir(), models);
    const snapshot = await app.client.library.list();
    const byName = Object.fromEntries(snapshot.files.map((f) => [f.displayName, f]));
    expect(Object.keys(byName).sort()).toEqual(['someone/glm:v1', 'tiny:latest, tiny:q4']);
    expect(byName['tiny:latest, tiny:q4']).toMatchObject({
      path: blob(qwen.sha256),
      relativePath: `ollama/blobs/sha256-${qwen.sha256}`,
      facts: { architecture: 'qwen2' },
      // Ollama names a blob by the hash it verified: known without reading the file.
      sha256: qwen.sha256,
    });
    expect(byName['someone/glm:v1']?.facts?.architecture).toBe('glm4');

    const details = await app.client.library.inspect({ path: blob(qwen.sha256) });
    expect(details.tokenizer.model).toBe('llama');
    expect(details.kvCacheProblem).toBeNull();
    expect(details.kvCache?.series.map((s) => s.type)).toEqual(['F16']);
    // A blob belongs to Ollama's store: Caliper does not delete it.
    const refused = await app.client.library.delete({ path: blob(qwen.sha256) }).catch((e: unknown) => e);
    expect(refused instanceof ORPCError && refused.code).toBe('PATH_NOT_IN_LIBRARY');
    await new Promise((r) => setTimeout(r, 500));
    expect(app.services.library.hashedCount).toBe(0);
  });

  it('names models the way `ollama list` does', () => {
    expect(ollamaModelName(['registry.ollama.ai', 'library', 'llama3', '8b'])).toBe('llama3:8b');
    expect(ollamaModelName(['registry.ollama.ai', 'someone', 'model', 'latest'])).toBe('someone/model:latest');
    expect(ollamaModelName(['hf.co', 'org', 'repo-GGUF', 'Q4_K_M'])).toBe('hf.co/org/repo-GGUF:Q4_K_M');
  });
});
