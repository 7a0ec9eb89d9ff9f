import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The built main bundles live in `out/main` and the sources in `src/main`, both two levels below the
 * app root that holds `resources/`. Electron's asar keeps the same layout, and its fs reads from it.
 */
export function resourcesDirBeside(mainDir: string): string {
  return join(mainDir, '..', '..', 'resources');
}

/**
 * For callers that do not say (tests, scripts): the first `resources/` with a catalog above this
 * module. Bundling may move this code into a chunk folder, so the depth is not fixed.
 */
export function defaultResourcesDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'resources');
    if (existsSync(join(candidate, 'catalog'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return join(process.cwd(), 'resources');
    dir = parent;
  }
}
