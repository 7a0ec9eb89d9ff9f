// Builds better-sqlite3 for Electron's ABI into node_modules/.cache/caliper-electron (or
// CALIPER_ELECTRON_CACHE), beside the Node build that tests use, so neither replaces the other.
// Needs Electron's headers from the internet once; never part of install or test. A build is
// used only when the ABI compiled into it is Electron's: nothing else is ever installed there.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { root } from './lib/build.mjs';
import { electronAbi, electronVersion } from './lib/electron.mjs';
import { scriptTranslator } from './lib/translator.mjs';

export const headersUrl = () => process.env.CALIPER_ELECTRON_HEADERS_URL || 'https://electronjs.org/headers';
const cacheDir = () => process.env.CALIPER_ELECTRON_CACHE || join(root, 'node_modules', '.cache', 'caliper-electron');
export const electronSqlitePath = () => join(cacheDir(), 'better_sqlite3.node');

/** The NODE_MODULE_VERSION a (non-Node-API) addon was compiled for: its `node_register_module_v<N>` symbol. */
export function addonAbi(file) {
  if (!existsSync(file)) return null;
  const match = /node_register_module_v(\d+)/.exec(readFileSync(file).toString('latin1'));
  return match ? Number(match[1]) : null;
}

/**
 * Puts `built` in place only if it was compiled for `expected`.
 * @returns {{ ok: true } | { ok: false, found: number | null }}
 */
export function installElectronBuild(built, target, expected) {
  const found = addonAbi(built);
  if (found !== expected) return { ok: false, found };
  mkdirSync(dirname(target), { recursive: true });
  cpSync(built, target);
  return { ok: true };
}

/** Our own pinned node-gyp (a devDependency), never a guess at where some npm keeps its copy. */
const nodeGyp = () => createRequire(import.meta.url).resolve('node-gyp/bin/node-gyp.js');

/**
 * @param {(key: string, vars?: Record<string, string | number>) => string} t
 * @returns {{ ok: true, path: string } | { ok: false, message: string }}
 */
export function ensureElectronSqlite(t) {
  const version = electronVersion();
  const abi = electronAbi();
  const target = electronSqlitePath();
  if (addonAbi(target) === abi) return { ok: true, path: target };

  // Headers first and on their own: offline this fails within seconds, before any compiling.
  const url = headersUrl();
  const headers = spawnSync(process.execPath, [nodeGyp(), 'install', `--target=${version}`, `--dist-url=${url}`], { stdio: 'pipe' });
  if (headers.status !== 0) return { ok: false, message: t('desktop.start.noHeaders', { version, url }) };

  const work = join(cacheDir(), 'better-sqlite3');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(cacheDir(), { recursive: true });
  cpSync(join(root, 'node_modules', 'better-sqlite3'), work, {
    recursive: true,
    filter: (src) => !src.includes(join('better-sqlite3', 'build')),
  });
  console.log(t('desktop.start.building', { version }));
  const build = spawnSync(process.execPath, [nodeGyp(), 'rebuild', '--release', `--target=${version}`, `--dist-url=${url}`], { cwd: work, stdio: 'inherit' });
  if (build.status !== 0) return { ok: false, message: t('desktop.start.nativeBuildFailed', { version }) };
  const installed = installElectronBuild(join(work, 'build', 'Release', 'better_sqlite3.node'), target, abi);
  rmSync(work, { recursive: true, force: true });
  if (!installed.ok) return { ok: false, message: t('desktop.start.wrongAbi', { version, expected: abi, found: installed.found ?? '?' }) };
  return { ok: true, path: target };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = ensureElectronSqlite(await scriptTranslator());
  if (!result.ok) {
    console.error(result.message);
    process.exit(1);
  }
}
