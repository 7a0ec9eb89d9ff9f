import { cpSync, mkdirSync, mkdtempSync, copyFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineBuildState } from '../../src/shared/contract';
import type { App } from '../../src/main/composition';
import { EngineConnection } from '../../src/main/engineProcess/engineConnection';
import { forkLauncher } from '../../src/main/engineProcess/launcher';
import { CALIPER_ADDON_REVISION, NATIVE_DIR_ENV, NATIVE_METADATA_FILE, type NativeBuildMetadata } from '../../src/main/engineProcess/nativeBuildLayout';
import type { NativeBuildOptions } from '../../src/main/services/engineBuild/nativeBuild';
import { llamaPackage } from '../../src/main/services/engineBuild/llamaSource';
import { ensureFixtures } from '../fixtures/generate';
import { createTestApp } from '../support/testApp';
import { sourceEntryPoints } from '../support/sourceEntryPoints';

// "Build the engine for this machine", with the compile replaced: compiling llama.cpp takes many
// minutes (`npm run bench:native` does it for real). A stand-in build copies node-llama-cpp's own
// prebuilt addon into the build folder, which is a real llama.cpp addon: the smoke test, the
// loading of a build from the data folder, the fallback and the choice between builds all run for real.

const prebuiltDir = fileURLToPath(new URL('../../node_modules/@node-llama-cpp/linux-x64/bins/linux-x64', import.meta.url));
const version = llamaPackage().version;

function metadata(over: Partial<NativeBuildMetadata> = {}): NativeBuildMetadata {
  return { nodeLlamaCppVersion: version, llamaCppRelease: 'v0.4.0', builtAt: Date.now(), ...over };
}

/** A build that "compiles" by copying the prebuilt addon (or writes a broken one). */
function fakeBuild(kind: 'good' | 'broken' | 'wait') {
  return async (o: NativeBuildOptions): Promise<NativeBuildMetadata> => {
    o.onStep?.('compile');
    o.log('[1/2] compiling');
    o.onProgress?.(0.5);
    if (kind === 'wait') {
      await new Promise((_, reject) => o.signal?.addEventListener('abort', () => reject(new Error('cancelled')), { once: true }));
    }
    mkdirSync(join(o.outDir, 'Release'), { recursive: true });
    if (kind === 'good') cpSync(prebuiltDir, join(o.outDir, 'Release'), { recursive: true });
    else writeFileSync(join(o.outDir, 'Release', 'llama-addon.node'), 'not a library');
    const m = metadata({ caliperAddon: CALIPER_ADDON_REVISION });
    writeFileSync(join(o.outDir, NATIVE_METADATA_FILE), JSON.stringify(m));
    return m;
  };
}

async function until(app: App, done: (s: EngineBuildState) => boolean): Promise<EngineBuildState> {
  const controller = new AbortController();
  try {
    for await (const s of await app.client.engineBuild.onDidChange(undefined, { signal: controller.signal })) if (done(s)) return s;
  } finally {
    controller.abort();
  }
  throw new Error('no state');
}

const skip = process.platform !== 'linux' || process.arch !== 'x64';
let dataDir: string;
let modelsDir: string;

beforeAll(async () => {
  const fixtures = await ensureFixtures();
  dataDir = mkdtempSync(join(tmpdir(), 'caliper-engine-build-'));
  modelsDir = join(dataDir, 'models');
  mkdirSync(modelsDir, { recursive: true });
  copyFileSync(fixtures.byId['llama-gqa'].path, join(modelsDir, 'llama-gqa.gguf'));
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe.skipIf(skip)('engine build for this machine', () => {
  it('a build that passes its smoke test (loads, generates) is what new engine processes load; the prebuilt is one choice away', async () => {
    const app = createTestApp(join(dataDir, 'good'), modelsDir, { engineBuildOptions: { build: fakeBuild('good'), missingTools: () => [] } });
    try {
      const before = await app.client.engineBuild.state();
      expect(before).toMatchObject({ canBuild: true, native: null, job: null, inUse: { kind: 'prebuilt', fallbackReason: null } });
      await expect(app.client.engineBuild.use({ use: 'native' })).rejects.toMatchObject({ code: 'ENGINE_BUILD_NONE' });

      expect((await app.client.engineBuild.start()).job).toMatchObject({ state: 'running' });
      await expect(app.client.engineBuild.start()).rejects.toMatchObject({ code: 'ENGINE_BUILD_BUSY' });
      const built = await until(app, (s) => s.job?.state !== 'running');
      expect(built.job).toMatchObject({ state: 'succeeded', error: null });
      expect(built.job!.log.join('\n')).toMatch(/smoke test: .*generated \d+ tokens/);
      expect(built.native).toMatchObject({ nodeLlamaCppVersion: version });
      expect(built.native!.systemInfo).toContain('CPU');
      expect(built.use).toBe('native');
      expect(built.nativeOutdated).toBe(false);
      // A build from before Caliper's generation loop still works, and the panel says building again brings it.
      const metadataPath = join(built.native!.dir, NATIVE_METADATA_FILE);
      const current = readFileSync(metadataPath, 'utf8');
      writeFileSync(metadataPath, JSON.stringify({ ...JSON.parse(current), caliperAddon: undefined }));
      expect(await app.client.engineBuild.state()).toMatchObject({ nativeOutdated: true, use: 'native', native: { nodeLlamaCppVersion: version } });
      writeFileSync(metadataPath, current);

      const machine = await app.client.bench.machine();
      expect(machine.engine).toMatchObject({ kind: 'native', fallbackReason: null });
      // A bench run records the build that ran it.
      const events = await app.client.bench.start({ path: join(modelsDir, 'llama-gqa.gguf'), tests: [{ nPrompt: 0, nGen: 4 }], repetitions: 1 });
      let engineKind: string | null = null;
      for await (const e of events) if (e.type === 'finished') engineKind = e.run.engine?.kind ?? null;
      expect(engineKind).toBe('native');

      expect((await app.client.engineBuild.use({ use: 'prebuilt' })).use).toBe('prebuilt');
      expect((await app.client.bench.machine()).engine).toMatchObject({ kind: 'prebuilt' });
    } finally {
      await app.dispose();
    }
    // Several engine processes start in turn (probe, smoke test, bench, probe again): slow on a busy machine.
  }, 180_000);

  it('a build that fails its smoke test is not used; a cancelled build leaves nothing', async () => {
    const broken = createTestApp(join(dataDir, 'broken'), modelsDir, { engineBuildOptions: { build: fakeBuild('broken'), missingTools: () => [] } });
    try {
      await broken.client.engineBuild.start();
      const failed = await until(broken, (s) => s.job?.state !== 'running');
      expect(failed.job).toMatchObject({ state: 'failed' });
      expect(failed.job!.error).toMatch(/smoke test: the build did not load/);
      expect(failed.native).toBeNull();
      expect((await broken.client.bench.machine()).engine).toMatchObject({ kind: 'prebuilt' });
    } finally {
      await broken.dispose();
    }
    const waiting = createTestApp(join(dataDir, 'cancel'), modelsDir, { engineBuildOptions: { build: fakeBuild('wait'), missingTools: () => [] } });
    try {
      await waiting.client.engineBuild.start();
      await until(waiting, (s) => s.job?.progress === 0.5);
      await waiting.client.engineBuild.cancel();
      const cancelled = await until(waiting, (s) => s.job?.state !== 'running');
      expect(cancelled.job).toMatchObject({ state: 'cancelled', error: null });
      expect(cancelled.native).toBeNull();
    } finally {
      await waiting.dispose();
    }
  }, 180_000);

  it('is refused where the tools are missing', async () => {
    const app = createTestApp(join(dataDir, 'no-tools'), modelsDir, { engineBuildOptions: { missingTools: () => ['cmake'] } });
    try {
      expect(await app.client.engineBuild.state()).toMatchObject({ canBuild: false, missing: ['cmake'] });
      await expect(app.client.engineBuild.start()).rejects.toMatchObject({ code: 'ENGINE_BUILD_UNAVAILABLE', data: { missing: ['cmake'] } });
    } finally {
      await app.dispose();
    }
  });

  it('an engine process given a build it cannot load runs the prebuilt one and says why', async () => {
    const cases: Array<[string, (dir: string) => void, RegExp]> = [
      ['missing', () => undefined, /no engine build in/],
      [
        'other version',
        (dir) => {
          cpSync(prebuiltDir, join(dir, 'Release'), { recursive: true });
          writeFileSync(join(dir, NATIVE_METADATA_FILE), JSON.stringify(metadata({ nodeLlamaCppVersion: '0.0.1' })));
        },
        /built for node-llama-cpp 0\.0\.1|is for node-llama-cpp 0\.0\.1/,
      ],
    ];
    for (const [name, make, reason] of cases) {
      const dir = join(dataDir, `fallback-${name.replace(' ', '-')}`);
      mkdirSync(dir, { recursive: true });
      make(dir);
      const conn = new EngineConnection(sourceEntryPoints.engineHost, (entry, env) => forkLauncher(entry, { ...env, [NATIVE_DIR_ENV]: dir }));
      try {
        const hw = await conn.request({ type: 'hardware' }, { timeoutMs: 60_000 });
        expect(hw.type).toBe('hardware');
        if (hw.type !== 'hardware') continue;
        expect(hw.engine).toMatchObject({ kind: 'prebuilt' });
        expect(hw.engine!.fallbackReason).toMatch(reason);
      } finally {
        conn.kill();
      }
    }
  });
});
