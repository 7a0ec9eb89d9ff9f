// The engine builds for this machine that the benchmarks and the native loop's tests use: Caliper's
// own build job (services/engineBuild/nativeBuild.ts, the code behind "Build the engine for this
// machine"), run once into node_modules/.cache/caliper-engine-native/<node-llama-cpp version>-<tag>…/,
// checked by loading it in an engine process (as the product's smoke test does), and reused. The
// benchmarks need the optimised build; `npm test` makes an unoptimised one when no build is there
// (about 5 minutes on 2 cores against 7–10), which runs the loop's tests as well.
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { EngineBuildInfo } from '../../../src/shared/contract';
import { EngineConnection } from '../../../src/main/engineProcess/engineConnection';
import { forkLauncher } from '../../../src/main/engineProcess/launcher';
import { CALIPER_ADDON_REVISION, NATIVE_ADDON, NATIVE_DIR_ENV } from '../../../src/main/engineProcess/nativeBuildLayout';
import { llamaPackage } from '../../../src/main/services/engineBuild/llamaSource';
import { missingBuildTools } from '../../../src/main/services/engineBuild/buildTools';
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

/** `optimized`: the product's build, for measurements; `unoptimized`: -O0, for the tests of what the loop does. */
export type EngineBuildFlavor = 'optimized' | 'unoptimized';

/** Where an engine build is cached; the Caliper addon revision in the name keeps an older build from being reused. */
export function nativeEngineCacheDir(flavor: EngineBuildFlavor = 'optimized'): string {
  const pkg = llamaPackage();
  return join(
    cacheDir('caliper-engine-native'),
    `${pkg.version}-${pkg.tag}-c${CALIPER_ADDON_REVISION}${flavor === 'unoptimized' ? '-O0' : ''}`,
  );
}

/** The build the native loop's tests load: the optimised one where the benchmarks made it, else `npm test`'s. */
export function engineBuildForTests(): string | null {
  return (
    (['optimized', 'unoptimized'] as const)
      .map((flavor) => nativeEngineCacheDir(flavor))
      .find((dir) => existsSync(join(dir, NATIVE_ADDON))) ?? null
  );
}

export async function ensureNativeEngine(
  log: (line: string) => void = () => undefined,
  flavor: EngineBuildFlavor = 'optimized',
): Promise<string> {
  const pkg = llamaPackage();
  const root = cacheDir('caliper-engine-native');
  const outDir = nativeEngineCacheDir(flavor);
  if (existsSync(join(outDir, NATIVE_ADDON))) {
    const info = await engineInfo(outDir);
    if (info.kind === 'native') return outDir;
    log(`the cached engine build does not load (${info.fallbackReason}); building it again`);
    rmSync(outDir, { recursive: true, force: true });
  }
  const missing = missingBuildTools();
  if (missing.length > 0)
    throw new Error(`building the engine needs ${missing.join(', ')} (Debian: apt-get install git cmake g++ ninja-build)`);
  let last = -1;
  await buildNativeEngine({
    pkg,
    workDir: join(root, 'work'),
    outDir,
    unoptimized: flavor === 'unoptimized',
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
