import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useTempDirs } from '../../../../test/support/tempDir';
import { LibraryWatcher } from './libraryWatcher';
import { isPartialDownloadPath } from './partialDownloads';
import { sleep } from '../../../shared/backoff';

const tempDir = useTempDirs();
const watchers: LibraryWatcher[] = [];
afterEach(() => {
  for (const w of watchers.splice(0)) w.dispose();
});

describe.each(['directories', 'recursive'] as const)('LibraryWatcher (%s)', (mode) => {
  it('calls back once per burst of changes and ignores partial downloads', async () => {
    const root = tempDir();
    mkdirSync(join(root, 'sub'));
    let calls = 0;
    const watcher = new LibraryWatcher(() => calls++, { mode, debounceMs: 150, maxWaitMs: 2000 });
    watchers.push(watcher);
    // No callback for a while: the watcher has reported what it had (a loaded machine may be late).
    const settled = async () => {
      for (let seen = -1; seen !== calls; ) {
        seen = calls;
        await sleep(400);
      }
    };
    watcher.update([root], [root, join(root, 'sub')]);
    await settled(); // the recursive emulation reports what it finds at start

    calls = 0;
    writeFileSync(join(root, 'sub', 'model.gguf.part'), 'partial');
    await sleep(500);
    expect(calls).toBe(0);

    for (let i = 0; i < 5; i++) writeFileSync(join(root, 'sub', `m${i}.gguf`), 'x');
    await vi.waitFor(() => expect(calls).toBeGreaterThan(0), { timeout: 5000, interval: 50 });
    await settled();
    expect(calls).toBe(1);
    watcher.dispose();
    writeFileSync(join(root, 'after.gguf'), 'x');
    await sleep(400);
    expect(calls).toBe(1);
  });
});

describe('partial downloads', () => {
  it('recognises every downloader this library meets', () => {
    for (const path of ['a.gguf.part', '.caliper-partial/x/a.gguf', 'blobs/sha256-abc-partial', 'blobs/sha256-abc-partial-3', 'b.gguf.crdownload']) {
      expect(isPartialDownloadPath(path), path).toBe(true);
    }
    for (const path of ['a.gguf', 'partial/a.gguf', 'blobs/sha256-abc', 'parts.gguf']) expect(isPartialDownloadPath(path), path).toBe(false);
  });
});
