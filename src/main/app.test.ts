import { isDefinedError } from '@orpc/client';
import { mkdirSync, symlinkSync, writeFileSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureFixtures, type FixtureSet } from '../../test/fixtures/generate';
import { useTempDirs } from '../../test/support/tempDir';
import { createTestApp } from '../../test/support/testApp';
import type { App } from './composition';
import { defaultSettings } from '../shared/contract';
import { rejection } from '../../test/support/rejection';

const tempDir = useTempDirs();
const apps: App[] = [];
let fixtures: FixtureSet;

beforeAll(async () => {
  fixtures = await ensureFixtures();
});
afterEach(async () => {
  for (const app of apps.splice(0)) await app.dispose();
});

function start(dataDir = tempDir(), modelsDir?: string): App {
  const app = createTestApp(dataDir, modelsDir);
  apps.push(app);
  return app;
}


describe('settings', () => {
  it('persists validated settings across a restart', async () => {
    const dataDir = tempDir();
    const folder = tempDir();
    const first = start(dataDir);
    expect(await first.client.settings.get()).toEqual(defaultSettings);
    await first.client.settings.update({ language: 'zh-CN', theme: 'dark', modelFolders: [folder] });
    await first.dispose();
    apps.length = 0;

    const second = start(dataDir);
    expect(await second.client.settings.get()).toEqual({ ...defaultSettings, language: 'zh-CN', theme: 'dark', modelFolders: [folder] });
  });

  it('rejects values of the wrong type with the field that was wrong, and changes nothing', async () => {
    const app = start();
    const error = await rejection(app.client.settings.update({ theme: 'purple' } as never));
    expect(error.code).toBe('INVALID_INPUT');
    expect((error.data as { issues: Array<{ path: string }> }).issues[0]?.path).toBe('theme');

    const unknownKey = await rejection(app.client.settings.update({ telemetry: true } as never));
    expect(unknownKey.code).toBe('INVALID_INPUT');
    const relative = await rejection(app.client.settings.update({ modelFolders: ['models'] }));
    expect(relative.code).toBe('INVALID_INPUT');
    expect(await app.client.settings.get()).toEqual(defaultSettings);
  });

  it('refuses a model folder that does not exist or is a file, as typed errors', async () => {
    const app = start();
    const missing = await rejection(app.client.settings.update({ modelFolders: ['/no/such/folder'] }));
    expect(isDefinedError(missing) && missing.code).toBe('FOLDER_NOT_FOUND');
    expect(missing.data).toEqual({ path: '/no/such/folder' });

    const file = join(tempDir(), 'file.txt');
    writeFileSync(file, 'x');
    const notFolder = await rejection(app.client.settings.update({ modelFolders: [file] }));
    expect(notFolder.code).toBe('NOT_A_FOLDER');
  });

  it('reports a full disk as STORAGE_FAILED / DISK_FULL and keeps the previous value', async () => {
    const app = start();
    await app.client.settings.update({ theme: 'light' });
    const db = app.services.db;
    const pages = db.pragma('page_count', { simple: true }) as number;
    db.pragma(`max_page_count = ${pages}`);
    const bigFolders = Array.from({ length: 64 }, (_, i) => `/${'x'.repeat(4000)}${i}`);
    // Folders are checked before writing; a known folder is not, so make them "known" first.
    (app.services.settings as unknown as { cached: unknown }).cached = {
      ...(await app.client.settings.get()),
      modelFolders: bigFolders,
    };
    const error = await rejection(app.client.settings.update({ modelFolders: bigFolders, theme: 'dark' }));
    expect(error.code).toBe('STORAGE_FAILED');
    expect(error.data).toEqual({ reason: 'DISK_FULL' });
    const stored = db.prepare("SELECT value FROM settings WHERE key = 'theme'").get() as { value: string };
    expect(JSON.parse(stored.value)).toBe('light');
  });

  it('streams changes to subscribers and stops when the caller aborts', async () => {
    const app = start();
    const listeners = (app.services.settings as unknown as { didChange: { listeners: Set<unknown> } }).didChange
      .listeners;
    // Services listen too (the library re-watches when the folders change).
    const ownListeners = listeners.size;
    const controller = new AbortController();
    const stream = await app.client.settings.onDidChange(undefined, { signal: controller.signal });
    const seen: string[] = [];
    const consumed = (async () => {
      for await (const s of stream) {
        seen.push(s.theme);
        if (seen.length === 1) await app.client.settings.update({ theme: 'dark' });
        if (seen.length === 2) controller.abort();
      }
    })();
    // In memory the stream simply ends on abort; over a socket the client sees an AbortError.
    await consumed.catch((error: Error) => expect(error.name).toBe('AbortError'));
    expect(seen).toEqual(['system', 'dark']);
    // The subscription was released: further changes reach no one and nothing leaks.
    expect(listeners.size).toBe(ownListeners);
  });
});

describe('library', () => {
  it('lists every generated model with its facts, and invalid files with the reason', async () => {
    const models = tempDir();
    for (const f of fixtures.all) copyFileSync(f.path, join(models, `${f.id}.gguf`));
    writeFileSync(join(models, 'notes.gguf'), 'just some text named like a model');
    const app = start(tempDir(), models);

    const snapshot = await app.client.library.list();
    expect(snapshot.folders).toEqual([{ path: models, status: 'ok', fileCount: fixtures.all.length + 1, unreadableSubfolders: [] }]);
    for (const f of fixtures.all) {
      const file = snapshot.files.find((x) => x.relativePath === `${f.id}.gguf`);
      expect(file?.facts, f.id).toMatchObject({
        architecture: f.facts.architecture,
        parameterCount: f.facts.parameterCount,
        headCountKv: f.facts.headCountKv ?? f.facts.headCount,
        expertCount: f.facts.expertCount,
        slidingWindow: f.facts.slidingWindow,
        kind: f.facts.kind,
      });
      expect(file?.sizeBytes).toBe(f.sizeBytes);
    }
    const invalid = snapshot.files.find((x) => x.relativePath === 'notes.gguf');
    expect(invalid).toMatchObject({ facts: null, problem: { code: 'BAD_MAGIC' } });
  });

  it('keeps scanning past missing folders, files that are folders, symlink loops and sub-folders', async () => {
    const models = tempDir();
    mkdirSync(join(models, 'publisher', 'repo'), { recursive: true });
    copyFileSync(fixtures.byId['qwen2'].path, join(models, 'publisher', 'repo', 'qwen2.gguf'));
    symlinkSync(models, join(models, 'publisher', 'loop'));
    symlinkSync('/nonexistent/target', join(models, 'dangling.gguf'));
    const extra = tempDir();
    const app = start(tempDir(), models);
    await app.client.settings.update({ modelFolders: [extra] });
    (app.services.settings as unknown as { cached: { modelFolders: string[] } }).cached.modelFolders.push(
      '/definitely/missing',
      fixtures.byId['qwen2'].path,
    );

    const snapshot = await app.client.library.list();
    expect(snapshot.files.map((f) => f.relativePath)).toEqual(['publisher/repo/qwen2.gguf']);
    expect(snapshot.folders.map((f) => f.status)).toEqual(['ok', 'ok', 'missing', 'not_a_folder']);
  });

  it('streams scan progress and can be cancelled part way', async () => {
    const models = tempDir();
    for (const f of fixtures.models) copyFileSync(f.path, join(models, `${f.id}.gguf`));
    const app = start(tempDir(), models);
    const controller = new AbortController();
    const events: string[] = [];
    const iterator = await app.client.library.scan(undefined, { signal: controller.signal });
    await expect(
      (async () => {
        for await (const e of iterator) {
          events.push(e.type === 'progress' ? `${e.done}/${e.total}` : 'done');
          if (events.length === 3) controller.abort();
        }
      })(),
    ).rejects.toThrow();
    expect(events).toEqual([`0/${fixtures.models.length}`, `1/${fixtures.models.length}`, `2/${fixtures.models.length}`]);

    // A full scan afterwards still completes: the reader was not left busy.
    const done = await app.client.library.list();
    expect(done.files).toHaveLength(fixtures.models.length);
  });

  it('reuses cached headers and re-reads a file that changed', async () => {
    const models = tempDir();
    const target = join(models, 'm.gguf');
    copyFileSync(fixtures.byId['qwen2'].path, target);
    const app = start(tempDir(), models);
    expect((await app.client.library.list()).files[0]?.facts?.architecture).toBe('qwen2');
    const cached = app.services.db.prepare('SELECT COUNT(*) AS n FROM gguf_headers').get();
    expect(cached).toEqual({ n: 1 });

    copyFileSync(fixtures.byId['glm4'].path, target);
    expect((await app.client.library.list()).files[0]?.facts?.architecture).toBe('glm4');
  });
});

describe('system', () => {
  it('describes the machine and asks the engine process what llama.cpp detects', async () => {
    const dataDir = tempDir();
    const app = start(dataDir);
    const info = await app.client.system.info();
    expect(info).toMatchObject({ appVersion: '0.0.0-test', shell: 'headless', dataDir, storageNotice: null });
    expect(info.cpuLogicalCores).toBeGreaterThan(0);
    expect(info.totalMemoryBytes).toBeGreaterThan(info.freeMemoryBytes);

    const gpu = await app.client.system.gpu();
    expect(gpu.state).toBe('ready');
    if (gpu.state !== 'ready') return;
    // No GPU on the build machines; elsewhere the backend is one llama.cpp supports.
    expect(['cpu', 'cuda', 'vulkan', 'metal']).toContain(gpu.backend);
    expect(gpu.cpuMathCores).toBeGreaterThan(0);
    expect(app.services.engine.pid).toBeGreaterThan(0);
    expect(app.services.engine.pid).not.toBe(process.pid);
  });
});
