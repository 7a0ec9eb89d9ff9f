import { copyFileSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/main/composition';
import { detectOtherAppFolders, otherAppCandidates, type HostEnvironment } from '../../src/main/services/library/otherAppFolders';
import { ensureFixtures, type FixtureSet } from '../fixtures/generate';
import { useTempDirs } from '../support/tempDir';
import { createTestApp } from '../support/testApp';

const tempDir = useTempDirs();
const apps: App[] = [];
let fixtures: FixtureSet;

beforeAll(async () => {
  fixtures = await ensureFixtures();
});
afterEach(async () => {
  for (const app of apps.splice(0)) await app.dispose();
});

/** LM Studio's `<publisher>/<repo>/<file>.gguf`, with a real model in it. */
function lmStudio(folder: string): string {
  const dir = join(folder, 'lmstudio-community', 'Qwen2-GGUF');
  mkdirSync(dir, { recursive: true });
  copyFileSync(fixtures.byId['qwen2']!.path, join(dir, 'qwen2-tiny-Q8_0.gguf'));
  return folder;
}

/** Ollama's store: a manifest naming a blob by its digest. */
function ollama(folder: string): string {
  const digest = 'a'.repeat(64);
  mkdirSync(join(folder, 'manifests', 'registry.ollama.ai', 'library', 'tiny'), { recursive: true });
  mkdirSync(join(folder, 'blobs'), { recursive: true });
  writeFileSync(
    join(folder, 'manifests', 'registry.ollama.ai', 'library', 'tiny', 'latest'),
    JSON.stringify({ layers: [{ mediaType: 'application/vnd.ollama.image.model', digest: `sha256:${digest}` }] }),
  );
  copyFileSync(fixtures.byId['llama-gqa']!.path, join(folder, 'blobs', `sha256-${digest}`));
  return folder;
}

function jan(folder: string): string {
  mkdirSync(join(folder, 'tiny'), { recursive: true });
  copyFileSync(fixtures.byId['llama-gqa']!.path, join(folder, 'tiny', 'model.gguf'));
  return folder;
}

function start(host: HostEnvironment, dataDir = tempDir()): App {
  const app = createTestApp(dataDir, undefined, { host });
  apps.push(app);
  return app;
}

describe("other apps' model folders", () => {
  it('knows where LM Studio, Ollama and Jan keep models on each platform', () => {
    const paths = (host: HostEnvironment) => otherAppCandidates(host).map((c) => `${c.app} ${c.path}`);
    expect(paths({ home: '/Users/me', env: {}, platform: 'darwin' })).toEqual([
      'lmstudio /Users/me/.lmstudio/models',
      'lmstudio /Users/me/.cache/lm-studio/models',
      'ollama /Users/me/.ollama/models',
      'jan /Users/me/Library/Application Support/Jan/data/llamacpp/models',
      'jan /Users/me/Library/Application Support/Jan/data/models',
      'jan /Users/me/jan/models',
    ]);
    expect(paths({ home: 'C:\\Users\\me', env: { APPDATA: 'C:\\Users\\me\\AppData\\Roaming', OLLAMA_MODELS: 'D:\\ollama' }, platform: 'win32' })).toEqual([
      'lmstudio C:\\Users\\me\\.lmstudio\\models',
      'lmstudio C:\\Users\\me\\.cache\\lm-studio\\models',
      'ollama D:\\ollama',
      'ollama C:\\Users\\me\\.ollama\\models',
      'jan C:\\Users\\me\\AppData\\Roaming\\Jan\\data\\llamacpp\\models',
      'jan C:\\Users\\me\\AppData\\Roaming\\Jan\\data\\models',
      'jan C:\\Users\\me\\jan\\models',
    ]);
    expect(paths({ home: '/home/me', env: { XDG_CONFIG_HOME: '/cfg', OLLAMA_MODELS: 'relative/ignored' }, platform: 'linux' })).toContain('jan /cfg/Jan/data/models');
    expect(paths({ home: '/home/me', env: {}, platform: 'linux' })).toContain('ollama /usr/share/ollama/.ollama/models');
  });

  it('finds the folders that exist in a home, each real folder once', () => {
    const home = tempDir();
    const lm = lmStudio(join(home, '.lmstudio', 'models'));
    // Older LM Studio's folder, linked to the new one: the same folder, offered once.
    mkdirSync(join(home, '.cache', 'lm-studio'), { recursive: true });
    symlinkSync(lm, join(home, '.cache', 'lm-studio', 'models'));
    const custom = ollama(join(tempDir(), 'ollama-store'));
    const janModels = jan(join(home, 'Library', 'Application Support', 'Jan', 'data', 'models'));
    // A file where a folder is expected is not a folder.
    writeFileSync(join(home, 'jan'), 'not a folder');

    expect(detectOtherAppFolders({ home, env: { OLLAMA_MODELS: custom }, platform: 'darwin' })).toEqual([
      { app: 'lmstudio', path: lm },
      { app: 'ollama', path: custom },
      { app: 'jan', path: janModels },
    ]);
    expect(detectOtherAppFolders({ home: tempDir(), env: {}, platform: 'darwin' })).toEqual([]);
  });

  it('offers them on first run, adds one only when asked, and forgets one declined', async () => {
    const home = tempDir();
    const lm = lmStudio(join(home, '.lmstudio', 'models'));
    const store = ollama(join(home, '.ollama', 'models'));
    const janModels = jan(join(home, '.config', 'Jan', 'data', 'llamacpp', 'models'));
    const host: HostEnvironment = { home, env: {}, platform: 'linux' };
    const dataDir = tempDir();
    const app = start(host, dataDir);

    expect(await app.client.library.suggestedFolders()).toEqual([
      { app: 'lmstudio', path: lm },
      { app: 'ollama', path: store },
      { app: 'jan', path: janModels },
    ]);
    // Offered, not added: nothing of theirs is in the library yet.
    expect((await app.client.library.list()).files).toEqual([]);

    await app.client.settings.update({ modelFolders: [lm] });
    const files = (await app.client.library.list()).files;
    expect(files.map((f) => f.relativePath)).toEqual(['lmstudio-community/Qwen2-GGUF/qwen2-tiny-Q8_0.gguf']);
    await app.client.library.dismissSuggestedFolder({ path: store });
    expect(await app.client.library.suggestedFolders()).toEqual([{ app: 'jan', path: janModels }]);

    // Declining outlives a restart.
    await app.dispose();
    apps.length = 0;
    expect(await start(host, dataDir).client.library.suggestedFolders()).toEqual([{ app: 'jan', path: janModels }]);
  });

  it('does not offer a folder already scanned through a folder above it', async () => {
    const home = tempDir();
    lmStudio(join(home, '.lmstudio', 'models'));
    const app = start({ home, env: {}, platform: 'linux' });
    await app.client.settings.update({ modelFolders: [join(home, '.lmstudio')] });
    expect(await app.client.library.suggestedFolders()).toEqual([]);
  });
});

describe('files the OS asks to open', () => {
  it('keeps a request made before any window listens for the first one, then delivers new ones live', async () => {
    const app = start({ home: tempDir(), env: {}, platform: 'linux' });
    app.services.openRequests.open('/models/a.gguf');
    const controller = new AbortController();
    const events = await app.client.library.onOpenRequest(undefined, { signal: controller.signal });
    const iterator = events[Symbol.asyncIterator]();
    expect((await iterator.next()).value).toEqual({ path: '/models/a.gguf' });
    app.services.openRequests.open('/models/b.gguf');
    expect((await iterator.next()).value).toEqual({ path: '/models/b.gguf' });
    controller.abort();
    // With nobody listening again, the next one waits.
    app.services.openRequests.open('/models/c.gguf');
    const again = await app.client.library.onOpenRequest();
    expect((await again[Symbol.asyncIterator]().next()).value).toEqual({ path: '/models/c.gguf' });
  });
});
