import { ORPCError } from '@orpc/client';
import { fork } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { QuantizeJob } from '../../src/shared/contract';
import type { App } from '../../src/main/composition';
import { forkArgs } from '../../src/main/base/entryPoints';
import type { EngineLauncher } from '../../src/main/engineProcess/launcher';
import { encodeGguf } from '../fixtures/gguf/writer';
import { QUANT_MODEL_CONFIG, QUANT_MODEL_SIZE, ensureQuantModel } from '../fixtures/quantModels';
import { modelSpec } from '../fixtures/models';
import { useTempDirs } from '../support/tempDir';
import { createTestApp } from '../support/testApp';

// Bad input and faults: each ends with a clear error, no partial output anywhere in the library,
// and the rest of the app untouched.

const tempDir = useTempDirs();
const apps: App[] = [];
let sourceModel: string;

beforeAll(async () => {
  sourceModel = await ensureQuantModel();
});
afterEach(async () => {
  for (const a of apps.splice(0)) await a.dispose();
  delete process.env.CALIPER_QUANTIZE_TENSOR_DELAY_MS;
});

function start(options: Parameters<typeof createTestApp>[2] = {}) {
  const dataDir = tempDir();
  const modelsDir = join(dataDir, 'models');
  mkdirSync(modelsDir, { recursive: true });
  const source = join(modelsDir, 'm-F32.gguf');
  copyFileSync(sourceModel, source);
  const app = createTestApp(dataDir, modelsDir, options);
  apps.push(app);
  return { app, dataDir, modelsDir, source };
}

async function code(call: Promise<unknown>): Promise<{ code: string; data: Record<string, unknown> }> {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ORPCError);
  const e = error as ORPCError<string, Record<string, unknown>>;
  return { code: e.code, data: e.data };
}

async function settled(app: App, id: string): Promise<QuantizeJob> {
  for (;;) {
    const job = (await app.client.quantize.list()).find((j) => j.id === id)!;
    if (job.state !== 'running') return job;
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Every file under the models folder, partial folders included. */
function everything(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name).slice(dir.length + 1))
    .sort();
}

describe('quantize refuses bad input', () => {
  it('a file that is not a GGUF', async () => {
    const { app, modelsDir } = start();
    writeFileSync(join(modelsDir, 'notes.gguf'), 'not a model at all');
    const e = await code(app.client.quantize.plan({ sourcePath: join(modelsDir, 'notes.gguf'), type: 'Q8_0' }));
    expect(e).toMatchObject({ code: 'NOT_A_GGUF', data: { problem: 'BAD_MAGIC' } });
  });

  it('an architecture llama.cpp cannot quantize, with its reason', async () => {
    const { app, modelsDir } = start();
    const spec = modelSpec({ ...QUANT_MODEL_CONFIG, architecture: 'caliper-unknown' }, QUANT_MODEL_SIZE, 'unknown-arch');
    writeFileSync(join(modelsDir, 'unknown-F32.gguf'), encodeGguf(spec));
    const e = await code(app.client.quantize.start({ sourcePath: join(modelsDir, 'unknown-F32.gguf'), type: 'Q4_K_M', threads: 1 }));
    expect(e.code).toBe('QUANTIZE_UNSUPPORTED');
    expect(String(e.data.detail)).toMatch(/unknown model architecture/);
    expect(everything(modelsDir)).toEqual(['m-F32.gguf', 'unknown-F32.gguf']);
  });

  it('paths outside the model folders, through `..` or a symlink', async () => {
    const { app, modelsDir, dataDir } = start();
    copyFileSync(sourceModel, join(dataDir, 'outside-F32.gguf'));
    symlinkSync(join(dataDir, 'outside-F32.gguf'), join(modelsDir, 'link-F32.gguf'));
    for (const sourcePath of [join(dataDir, 'outside-F32.gguf'), join(modelsDir, '..', 'outside-F32.gguf'), join(modelsDir, 'link-F32.gguf')]) {
      expect((await code(app.client.quantize.plan({ sourcePath, type: 'Q8_0' }))).code).toBe('PATH_NOT_IN_LIBRARY');
    }
    const imatrix = await code(app.client.quantize.plan({ sourcePath: join(modelsDir, 'm-F32.gguf'), type: 'Q8_0', imatrixPath: '/etc/passwd' }));
    expect(imatrix.code).toBe('PATH_NOT_IN_LIBRARY');
  });
});

describe('quantize faults', () => {
  it('not enough free space: refused before anything is written', async () => {
    const { app, modelsDir, source } = start({ quantizeOptions: { freeBytes: async () => 10 << 20 } });
    const e = await code(app.client.quantize.start({ sourcePath: source, type: 'Q8_0', threads: 1 }));
    expect(e).toMatchObject({ code: 'QUANTIZE_NO_SPACE', data: { availableBytes: 10 << 20 } });
    expect(everything(modelsDir)).toEqual(['m-F32.gguf']);
  });

  it('the disk fills up while writing: DISK_FULL, the partial output removed', async () => {
    // The quantize process runs under a 256 KiB file-size limit, so llama.cpp's write fails
    // (EFBIG, as ENOSPC would) a quarter of the way through.
    const { app, modelsDir, source } = start({ quantizeOptions: { launch: limitedLauncher(tempDir(), 256) } });
    const job = await app.client.quantize.start({ sourcePath: source, type: 'Q8_0', threads: 1 });
    const done = await settled(app, job.id);
    expect(done.state).toBe('failed');
    expect(done.error?.code, done.error?.detail).toBe('DISK_FULL');
    expect(everything(modelsDir)).toEqual(['m-F32.gguf']);
    expect((await app.client.library.list()).files.map((f) => f.relativePath)).toEqual(['m-F32.gguf']);
  });

  it('the quantize process killed halfway: CRASHED, nothing left, the app keeps working', async () => {
    process.env.CALIPER_QUANTIZE_TENSOR_DELAY_MS = '150';
    const { app, modelsDir, source } = start();
    const before = readFileSync(source);
    const job = await app.client.quantize.start({ sourcePath: source, type: 'Q4_K_M', threads: 1 });
    while (((await app.client.quantize.list()).find((j) => j.id === job.id)?.tensorsDone ?? 0) < 3) await new Promise((r) => setTimeout(r, 20));
    process.kill(app.services.quantize.pidOf(job.id)!, 'SIGKILL');
    const done = await settled(app, job.id);
    expect(done).toMatchObject({ state: 'failed', error: { code: 'CRASHED' } });
    expect(everything(modelsDir)).toEqual(['m-F32.gguf']);
    expect(readFileSync(source).equals(before)).toBe(true);
    // Another quantization right after works.
    delete process.env.CALIPER_QUANTIZE_TENSOR_DELAY_MS;
    const again = await settled(app, (await app.client.quantize.start({ sourcePath: source, type: 'Q8_0', threads: 1 })).id);
    expect(again.state).toBe('done');
    expect(existsSync(again.outputPath)).toBe(true);
  });
});

/** Forks the quantize process through a shell that sets a file-size limit. */
function limitedLauncher(dir: string, kib: number): EngineLauncher {
  const script = join(dir, 'limited-node.sh');
  // ulimit -f counts 512-byte blocks in POSIX sh (dash). The quantize process handles SIGXFSZ, so
  // the write fails with EFBIG, as it would with ENOSPC.
  writeFileSync(script, `#!/bin/sh\nulimit -f ${kib * 2}\nexec "${process.execPath}" "$@"\n`);
  chmodSync(script, 0o755);
  return (entry, env) => {
    const { modulePath, execArgv } = forkArgs(entry);
    const child = fork(modulePath, [], {
      execPath: script,
      execArgv,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      serialization: 'advanced',
      env: { ...process.env, ...env },
    });
    return {
      postMessage: (m) => child.send(m as object),
      onMessage: (l) => child.on('message', l),
      onExit: (l) => child.on('exit', (c) => l(c)),
      kill: () => child.kill('SIGKILL'),
      get pid() {
        return child.pid;
      },
    };
  };
}
