import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureFixtures, type FixtureSet } from '../../../../test/fixtures/generate';
import { sourceEntryPoints } from '../../../../test/support/sourceEntryPoints';
import { HeaderReaderPool } from './headerReaderPool';

let fixtures: FixtureSet;
const pools: HeaderReaderPool[] = [];
beforeAll(async () => {
  fixtures = await ensureFixtures();
});
afterEach(async () => {
  for (const p of pools.splice(0)) await p.dispose();
});

const misbehaving = {
  file: fileURLToPath(new URL('../../../../test/support/misbehavingHeaderWorker.ts', import.meta.url)),
  bootstrap: sourceEntryPoints.ggufWorker.bootstrap,
};

function pool(entry = sourceEntryPoints.ggufWorker, options = {}) {
  const p = new HeaderReaderPool(entry, options);
  pools.push(p);
  return p;
}

describe('HeaderReaderPool', () => {
  it('reads headers in a worker thread', async () => {
    const result = await pool().read(fixtures.byId['mixtral-moe'].path);
    expect(result.facts).toMatchObject({ architecture: 'llama', expertCount: 4, expertUsedCount: 2 });
  });

  it('stops a read that hangs, reports it, and keeps serving with a fresh worker', async () => {
    const p = pool(misbehaving, { timeoutMs: 3000 });
    const [hung, after] = await Promise.all([p.read('/models/hang.gguf'), p.read(fixtures.byId['qwen3'].path)]);
    expect(hung).toMatchObject({ facts: null, problem: { code: 'READ_TIMEOUT' } });
    expect(after.facts?.architecture).toBe('qwen3');
  });

  it('stops a read that exhausts its memory limit without touching the host', async () => {
    const p = pool(misbehaving, { timeoutMs: 30_000, maxHeapMb: 64 });
    const before = process.memoryUsage().heapUsed;
    const result = await p.read('/models/oom.gguf');
    expect(result).toMatchObject({ facts: null, problem: { code: 'HEADER_TOO_COMPLEX' } });
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(32 * 1024 * 1024);
    expect((await p.read(fixtures.byId['glm4'].path)).facts?.architecture).toBe('glm4');
  });

  it('reports a file that cannot be opened', async () => {
    const result = await pool().read('/no/such/file.gguf');
    expect(result).toMatchObject({ facts: null, problem: { code: 'READ_FAILED' } });
  });
});
