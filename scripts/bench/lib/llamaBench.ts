// Builds llama.cpp's own `llama-bench` from the source node-llama-cpp bundles, the way a user would
// build it for this machine (its CMake defaults, native CPU flags, OpenMP), once, cached under
// node_modules/.cache/caliper-llama-cpp/<node-llama-cpp version>-<tag>/.
import { existsSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { ensureLlamaSource, llamaPackage, run } from '../../../src/main/services/engineBuild/llamaSource';
import { cacheDir } from '../../../test/fixtures/generate';

export interface LlamaBenchBuild {
  binary: string;
  /** The cache folder for this release (source clone, builds). */
  dir: string;
}

export function llamaCppCacheDir(): string {
  const pkg = llamaPackage();
  return join(cacheDir('caliper-llama-cpp'), `${pkg.version}-${pkg.tag}`);
}

export async function ensureLlamaBench(log: (line: string) => void = () => undefined): Promise<LlamaBenchBuild> {
  const pkg = llamaPackage();
  const dir = llamaCppCacheDir();
  const build = join(dir, 'llama-bench-native');
  const binary = join(build, 'bin', 'llama-bench');
  if (existsSync(binary)) return { binary, dir };
  const src = await ensureLlamaSource(pkg, dir, { log });
  log('configuring llama-bench (GGML_NATIVE=ON, GGML_OPENMP=ON, Release)');
  await run(
    'cmake',
    [
      '-S', src, '-B', build,
      ...(existsSync('/usr/bin/ninja') ? ['-G', 'Ninja'] : []),
      '-DCMAKE_BUILD_TYPE=Release',
      '-DGGML_NATIVE=ON',
      '-DGGML_OPENMP=ON',
      '-DBUILD_SHARED_LIBS=OFF',
      '-DLLAMA_CURL=OFF',
      '-DLLAMA_HTTPLIB=OFF',
      '-DLLAMA_OPENSSL=OFF',
      '-DLLAMA_BUILD_TESTS=OFF',
      '-DLLAMA_BUILD_EXAMPLES=OFF',
      '-DLLAMA_BUILD_SERVER=OFF',
    ],
    { log },
  );
  log(`building llama-bench (a few minutes the first time)`);
  await run('cmake', ['--build', build, '--target', 'llama-bench', '--parallel', String(cpus().length)], { log });
  if (!existsSync(binary)) throw new Error(`llama-bench was not produced at ${binary}`);
  return { binary, dir };
}
