import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../../src/main/composition';
import { createTestApp } from '../support/testApp';

/** Load settings per file: kept in SQLite, read by Chat, new Compare panes and the API. */

let dataDir: string;
let app: App | null = null;

const open = () => (app = createTestApp(dataDir));

afterEach(async () => {
  await app?.dispose();
  app = null;
  rmSync(dataDir, { recursive: true, force: true });
});

describe('load settings per file', () => {
  it('keeps only the fields chosen, survives a restart, and an empty choice forgets them', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'caliper-load-settings-'));
    const path = join(dataDir, 'models', 'a.gguf');
    expect(await open().client.engine.savedSettings({ path })).toEqual({});
    const kept = await app!.client.engine.saveSettings({
      path,
      settings: { threads: 3, kvCacheType: 'Q8_0', lora: [{ path: '/x/a.gguf', scale: 0.5 }] },
    });
    expect(kept).toEqual({ threads: 3, kvCacheType: 'Q8_0', lora: [{ path: '/x/a.gguf', scale: 0.5 }] });
    await expect(app!.client.engine.saveSettings({ path, settings: { threads: 0 } })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await app!.dispose();

    expect(await open().client.engine.savedSettings({ path })).toEqual(kept);
    expect(await app!.client.engine.savedSettings({ path: join(dataDir, 'models', 'b.gguf') })).toEqual({});
    await app!.client.engine.saveSettings({ path, settings: {} });
    expect(await app!.client.engine.savedSettings({ path })).toEqual({});
  });

  it('a Compare pane given a file starts from its saved settings; settings sent with the pane win', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'caliper-load-settings-'));
    const a = join(dataDir, 'models', 'a.gguf');
    const b = join(dataDir, 'models', 'b.gguf');
    const client = open().client;
    await client.engine.saveSettings({ path: a, settings: { contextSize: 1024, flashAttention: true } });
    await client.engine.saveSettings({ path: b, settings: { threads: 2 } });
    const comparison = await client.compare.create({
      panes: [{ model: { kind: 'local', path: a } }, { model: { kind: 'local', path: a }, load: { contextSize: 512 } }],
      options: {},
    });
    expect(comparison.panes.map((p) => p.load)).toEqual([{ contextSize: 1024, flashAttention: true }, { contextSize: 512 }]);
    // Switching a pane to another file brings that file's settings along.
    const switched = await client.compare.updatePane({ id: comparison.id, position: 0, model: { kind: 'local', path: b } });
    expect(switched.panes[0]!.load).toEqual({ threads: 2 });
  });
});
