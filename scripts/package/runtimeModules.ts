import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';

/**
 * The packages the main, utility-process and worker bundles import at run time. electron-vite
 * leaves `dependencies` external, and the renderer's (React, Mantine, markdown…) are bundled into
 * `out/renderer`, so only these and what they depend on belong in the package. `npm run
 * test:package` checks that every bare import in `out/main` is one of them.
 */
export const runtimePackages = [
  '@orpc/contract',
  '@orpc/server',
  'better-sqlite3',
  'electron-updater',
  'koffi',
  'node-llama-cpp',
  'ws',
  'zod',
] as const;

interface PackageJson {
  name?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

function readPackage(dir: string): PackageJson {
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as PackageJson;
}

/** Node's lookup: `<from>/node_modules/<name>`, then each folder above, up to `root`. */
function resolvePackageDir(root: string, from: string, name: string): string | null {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dir === root || dirname(dir) === dir) return null;
  }
}

function requiredNames(pkg: PackageJson): string[] {
  const peers = Object.keys(pkg.peerDependencies ?? {}).filter((name) => !pkg.peerDependenciesMeta?.[name]?.optional);
  return [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.optionalDependencies ?? {}), ...peers];
}

/**
 * Every installed package folder (relative to `root`, `/`-separated) that `names` need, following
 * dependencies, installed optional dependencies and required peers.
 */
export function dependencyClosure(root: string, names: readonly string[]): Set<string> {
  const found = new Set<string>();
  const visit = (from: string, name: string) => {
    const dir = resolvePackageDir(root, from, name);
    if (!dir) return; // an optional dependency for another platform
    const key = relative(root, dir).split(sep).join('/');
    if (found.has(key)) return;
    found.add(key);
    for (const dep of requiredNames(readPackage(dir))) visit(dir, dep);
  };
  for (const name of names) visit(root, name);
  return found;
}

/**
 * electron-builder `files` patterns leaving out the production dependencies nothing in the main
 * bundles needs. Packages nested under a left-out package go with it.
 */
export function unusedPackagePatterns(root: string): string[] {
  const production = dependencyClosure(root, Object.keys(readPackage(root).dependencies ?? {}));
  const shipped = dependencyClosure(root, runtimePackages);
  return [...production]
    .filter((dir) => !shipped.has(dir) && dir.split('/node_modules/').length === 1)
    .sort()
    .map((dir) => `!${dir}{,/**/*}`);
}
