// Builds better-sqlite3 for Electron's ABI into node_modules/.cache/caliper-electron, beside the
// Node build that tests use, so neither replaces the other. Needs the internet once (Electron's
// headers); never part of install or test.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { root } from './lib/build.mjs';
import { electronVersion } from './lib/electron.mjs';

const cacheDir = join(root, 'node_modules', '.cache', 'caliper-electron');
const target = join(cacheDir, 'better_sqlite3.node');
const stamp = join(cacheDir, `electron-${electronVersion()}`);

export function ensureElectronSqlite() {
  if (existsSync(target) && existsSync(stamp)) return target;
  const work = join(cacheDir, 'better-sqlite3');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(cacheDir, { recursive: true });
  cpSync(join(root, 'node_modules', 'better-sqlite3'), work, {
    recursive: true,
    filter: (src) => !src.includes(`${join('better-sqlite3', 'build')}`),
  });
  // npm sets npm_config_node_gyp for scripts; otherwise use the node-gyp bundled with npm.
  const nodeGyp =
    process.env.npm_config_node_gyp ??
    join(dirname(process.env.npm_execpath ?? '/usr/lib/node_modules/npm/bin/npm-cli.js'), '..', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
  console.log(`Building better-sqlite3 for Electron ${electronVersion()}…`);
  const result = spawnSync(
    process.execPath,
    [nodeGyp, 'rebuild', '--release', `--target=${electronVersion()}`, '--runtime=electron', '--dist-url=https://electronjs.org/headers'],
    { cwd: work, stdio: 'inherit' },
  );
  if (result.status !== 0) throw new Error('Could not build better-sqlite3 for Electron (see the output above).');
  cpSync(join(work, 'build', 'Release', 'better_sqlite3.node'), target);
  cpSync(target, stamp);
  return target;
}

if (import.meta.url === `file://${process.argv[1]}`) ensureElectronSqlite();
