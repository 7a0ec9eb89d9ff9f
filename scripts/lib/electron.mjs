// Where Electron's binary is, without triggering the `electron` package's lazy download.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './build.mjs';

const pkgDir = join(root, 'node_modules', 'electron');

export function electronVersion() {
  return JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')).version;
}

/** @returns {{ path: string } | { path: null, reason: string }} */
export function findElectronBinary() {
  const pathFile = join(pkgDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : 'electron';
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const candidate = override ? join(override, relative) : join(pkgDir, 'dist', relative);
  if (existsSync(candidate)) return { path: candidate };
  return {
    path: null,
    reason: override
      ? `ELECTRON_OVERRIDE_DIST_PATH is set, but ${candidate} does not exist`
      : `Electron ${electronVersion()}'s binary is not installed (it downloads on first \`npm start\`, which needs the internet; or set ELECTRON_OVERRIDE_DIST_PATH to an Electron folder)`,
  };
}
