// `npm start`: check for Electron, prepare the Electron-ABI SQLite addon, build if needed, launch
// the desktop app. Whatever is missing stops it at once with one sentence on how to get it.
import { spawn } from 'node:child_process';
import { buildIfNeeded, root } from './lib/build.mjs';
import { findElectronBinary } from './lib/electron.mjs';
import { scriptTranslator } from './lib/translator.mjs';
import { ensureElectronSqlite } from './electron-native.mjs';

const t = await scriptTranslator();

const electron = findElectronBinary();
if (!electron.path) {
  console.error(t(electron.key, electron.vars));
  process.exit(1);
}
const sqlite = ensureElectronSqlite(t);
if (!sqlite.ok) {
  console.error(sqlite.message);
  process.exit(1);
}
if (!buildIfNeeded()) {
  console.error(t('desktop.start.buildFailed'));
  process.exit(1);
}

const child = spawn(electron.path, [root, ...process.argv.slice(2)], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
