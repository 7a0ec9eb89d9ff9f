// Builds the app with electron-vite when the output is missing or older than the sources.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));

const outputs = ['out/main/index.js', 'out/main/headless.js', 'out/preload/index.cjs', 'out/renderer/index.html'];
const inputs = ['src', 'resources', 'package.json', 'electron.vite.config.ts', 'scripts/lib/cspMeta.ts'];

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  let newest = s.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry.endsWith('.test.ts') || entry.endsWith('.test.tsx')) continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

export function isBuildCurrent() {
  const built = outputs.map((o) => join(root, o));
  if (!built.every(existsSync)) return false;
  const oldestOutput = Math.min(...built.map((o) => statSync(o).mtimeMs));
  return inputs.every((i) => newestMtime(join(root, i)) <= oldestOutput);
}

/** Returns true when the build is current (built now or already). */
export function buildIfNeeded({ quiet = false } = {}) {
  if (isBuildCurrent()) return true;
  if (!quiet) console.log('Building Caliper (electron-vite build)…');
  const result = spawnSync(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], {
    cwd: root,
    stdio: quiet ? 'pipe' : 'inherit',
  });
  if (result.status !== 0 && quiet) process.stderr.write(result.stderr ?? '');
  return result.status === 0;
}
