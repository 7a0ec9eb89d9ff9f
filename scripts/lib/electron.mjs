// Where Electron's binary is, without triggering the `electron` package's lazy download.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './build.mjs';

const pkgDir = join(root, 'node_modules', 'electron');

export function electronVersion() {
  return JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')).version;
}

/** Electron's NODE_MODULE_VERSION: what a native addon must be built for to load in it. */
export function electronAbi() {
  return Number(readFileSync(join(pkgDir, 'abi_version'), 'utf8').trim());
}

/**
 * The binary, or the translation key (and its values) of the one sentence saying what is missing.
 * @returns {{ path: string } | { path: null, key: string, vars: Record<string, string> }}
 */
export function findElectronBinary() {
  const pathFile = join(pkgDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : 'electron';
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const candidate = override ? join(override, relative) : join(pkgDir, 'dist', relative);
  if (existsSync(candidate)) return { path: candidate };
  const version = electronVersion();
  return override
    ? { path: null, key: 'desktop.start.overrideEmpty', vars: { dir: override, file: candidate, version } }
    : { path: null, key: 'desktop.start.noElectron', vars: { version } };
}
