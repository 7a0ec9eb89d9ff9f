// `npm start`: build if needed, prepare the Electron-ABI SQLite addon, launch the desktop app.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { buildIfNeeded, root } from './lib/build.mjs';
import { ensureElectronSqlite } from './electron-native.mjs';

if (!buildIfNeeded()) {
  console.error('The build failed; see the errors above.');
  process.exit(1);
}
ensureElectronSqlite();
// The electron package resolves (and on first use downloads) its binary.
const electron = createRequire(import.meta.url)('electron');
const child = spawn(electron, [root, ...process.argv.slice(2)], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
