// The engine build for this machine that the benchmarks use: Caliper's own build job
// (services/engineBuild/nativeBuild.ts, the code behind "Build the engine for this machine"), run
// once into node_modules/.cache/caliper-engine-native/<node-llama-cpp version>-<tag>/ and reused.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { NATIVE_ADDON } from '../../../src/main/engine/nativeBuildLayout';
import { llamaPackage } from '../../../src/main/services/engineBuild/llamaSource';
import { buildNativeEngine } from '../../../src/main/services/engineBuild/nativeBuild';
import { cacheDir } from '../../../test/fixtures/generate';

export async function ensureNativeEngine(log: (line: string) => void = () => undefined): Promise<string> {
  const pkg = llamaPackage();
  const root = cacheDir('caliper-engine-native');
  const outDir = join(root, `${pkg.version}-${pkg.tag}`);
  if (existsSync(join(outDir, NATIVE_ADDON))) return outDir;
  let last = -1;
  await buildNativeEngine({
    pkg,
    workDir: join(root, 'work'),
    outDir,
    log: (line) => {
      if (!/^\[\d+\/\d+\]/.test(line)) log(line);
    },
    onStep: (step) => log(`engine build: ${step}`),
    onProgress: (fraction) => {
      const tenth = Math.floor(fraction * 10);
      if (tenth !== last) log(`engine build: ${(last = tenth) * 10} %`);
    },
  });
  return outDir;
}
