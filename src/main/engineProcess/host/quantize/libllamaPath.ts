import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { unpackedPath } from '../../../base/asarPath';

/** `libllama.so`, `libllama.v0.4.0.so`, `libllama.dylib`, `llama.dll`; never `libllama-common`. */
const LIBLLAMA = /^(lib)?llama(\.v?\d+(\.\d+)*)?\.(so|dylib|dll)$/;

/**
 * The libllama node-llama-cpp loaded in this process (its addon links against it), so koffi binds
 * to the same copy with the same ggml backends. node-llama-cpp picks the platform and GPU variant
 * (CPU, CUDA, Vulkan, Metal) at `getLlama`; its file name carries a version, so it is searched for,
 * not named. Linux: the loaded copy is read from the process's own memory map; elsewhere from the
 * variant's `bins` folder of its `@node-llama-cpp/<platform>-<arch>[-<gpu>]` package. In a packaged
 * app that folder resolves inside `app.asar`, which dlopen cannot read: the path handed to koffi is
 * the unpacked copy's.
 */
export function findLibllama(gpu: string | false): string {
  const mapped = loadedLibllama();
  if (mapped) return mapped;
  const platform = process.platform === 'darwin' ? 'mac' : process.platform === 'win32' ? 'win' : process.platform;
  const variant = `${platform}-${process.arch}${gpu ? `-${gpu}` : ''}`;
  const require = createRequire(import.meta.url);
  for (const pkg of [variant, `${variant}-ext`]) {
    let root: string;
    try {
      root = dirname(require.resolve(`@node-llama-cpp/${pkg}/package.json`));
    } catch {
      continue;
    }
    const found = libllamaInPackage(root);
    if (found) return unpackedPath(found);
  }
  throw new Error(`no libllama found for ${variant}`);
}

/** The libllama in an `@node-llama-cpp/<variant>` package folder (`bins/<name>/`), if it has one. */
export function libllamaInPackage(packageRoot: string): string | null {
  const bins = join(packageRoot, 'bins');
  if (!existsSync(bins)) return null;
  for (const dir of readdirSync(bins)) {
    const found = readdirSync(join(bins, dir)).find((f) => LIBLLAMA.test(f));
    if (found) return join(bins, dir, found);
  }
  return null;
}

function loadedLibllama(): string | null {
  if (process.platform !== 'linux') return null;
  try {
    const paths = readFileSync('/proc/self/maps', 'utf8')
      .split('\n')
      .map((line) => line.split(/\s+/).slice(5).join(' '))
      .filter((p) => p.startsWith('/'));
    const found = paths.find((p) => LIBLLAMA.test(p.slice(p.lastIndexOf('/') + 1)));
    return found ? unpackedPath(found) : null;
  } catch {
    return null;
  }
}
