// The engine build for this machine that the benchmarks use: Caliper's own build job
// (services/engineBuild/nativeBuild.ts, the code behind "Build the engine for this machine"), run
// once into node_modules/.cache/caliper-engine-native/<node-llama-cpp version>-<tag>/, checked by
// loading it in an engine process (as the product's smoke test does), and reused.
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { EngineBuildInfo } from '../../../src/shared/contract';
import { EngineConnection } from '../../../src/main/engineProcess/engineConnection';
import { forkLauncher } from '../../../src/main/engineProcess/launcher';
import { CALIPER_ADDON_REVISION, NATIVE_ADDON, NATIVE_DIR_ENV } from '../../../src/main/engineProcess/nativeBuildLayout';
import { llamaPackage } from '../../../src/main/services/engineBuild/llamaSource';
import { buildNativeEngine } from '../../../src/main/services/engineBuild/nativeBuild';
import { cacheDir } from '../../../test/fixtures/generate';
import { sourceEntryPoints } from '../../../test/support/sourceEntryPoints';

/** What an engine process started with this build reports (it falls back to the prebuilt one if it cannot load it). */
export async function engineInfo(nativeDir: string | null): Promise<EngineBuildInfo> {
  const conn = new EngineConnection(sourceEntryPoints.engineHost, (entry, env) =>
    forkLauncher(entry, nativeDir ? { ...env, [NATIVE_DIR_ENV]: nativeDir } : env),
  );
  try {
    const m = await conn.request({ type: 'hardware' }, { timeoutMs: 120_000 });
    if (m.type !== 'hardware' || !m.engine) throw new Error(`engine did not answer: ${m.type === 'error' ? m.detail : m.type}`);
    return m.engine;
  } finally {
    conn.kill();
  }
}

/** Where the benchmarks' engine build is cached; the Caliper addon revision in the name keeps an older build from being reused. */
export function nativeEngineCacheDir(): string {
  const pkg = llamaPackage();
  return join(cacheDir('caliper-engine-native'), `${pkg.version}-${pkg.tag}-c${CALIPER_ADDON_REVISION}`);
}

export async function ensureNativeEngine(log: (line: string) => void = () => undefined): Promise<string> {
  const pkg = llamaPackage();
  const root = cacheDir('caliper-engine-native');
  const outDir = nativeEngineCacheDir();
  if (existsSync(join(outDir, NATIVE_ADDON))) {
    const info = await engineInfo(outDir);
    if (info.kind === 'native') return outDir;
    log(`the cached engine build does not load (${info.fallbackReason}); building it again`);
    rmSync(outDir, { recursive: true, force: true });
  }
  let last = -1;
  await buildNativeEngine({
    pkg,
    workDir: join(root, 'work'),
    outDir,
    log: (line) => {
      if (!/^\[\d+\/\d+\]/.test(line) && !/warning|note:|\^|\|/.test(line)) log(line);
    },
    onStep: (step) => log(`engine build: ${step}`),
    onProgress: (fraction) => {
      const tenth = Math.floor(fraction * 10);
      if (tenth !== last) log(`engine build: ${(last = tenth) * 10} %`);
    },
  });
  const info = await engineInfo(outDir);
  if (info.kind !== 'native') throw new Error(`the engine build does not load: ${info.fallbackReason}`);
  return outDir;
}
