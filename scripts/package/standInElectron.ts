import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultFuseWire } from './fuses';

export const standInLocales = ['de', 'en-US', 'fr', 'ja', 'zh-CN', 'zh-TW'];

/**
 * An unpacked "Electron distribution" for electron-builder's `electronDist` where Electron's real
 * binary cannot be downloaded. electron-builder copies the folder, renames `electron` to the app's
 * executable, writes `resources/app.asar` beside it and flips the fuses in the executable, so the
 * stand-in carries Electron's fuse wire (with Electron's defaults) and nothing else that runs.
 */
export function makeStandInElectron(dir: string, electronVersion: string): string {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'resources'), { recursive: true });
  const executable = join(dir, 'electron');
  writeFileSync(
    executable,
    Buffer.concat([
      Buffer.from('#!/bin/sh\n# Stand-in for Electron, made by `npm run test:package`. Fuse wire: '),
      defaultFuseWire(),
      Buffer.from(`\necho "This is a stand-in for Electron ${electronVersion}, not Electron; it cannot run Caliper." >&2\nexit 1\n`),
    ]),
  );
  chmodSync(executable, 0o755);
  writeFileSync(join(dir, 'version'), `${electronVersion}\n`);
  writeFileSync(join(dir, 'LICENSE'), 'Stand-in for the Electron license file (layout test only).\n');
  // Chromium's UI translations; the package keeps only `electronLanguages`.
  mkdirSync(join(dir, 'locales'));
  for (const locale of standInLocales) writeFileSync(join(dir, 'locales', `${locale}.pak`), 'stand-in');
  return dir;
}
