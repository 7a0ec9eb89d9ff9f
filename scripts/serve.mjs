// `npm run serve -- [--port N] [--host ADDRESS] [--data-dir DIR] [--models-dir DIR]`
// Builds what is missing, then runs the headless host in this process's place.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { buildIfNeeded, root } from './lib/build.mjs';

if (!buildIfNeeded()) {
  console.error('The build failed; see the errors above.');
  process.exit(1);
}

const child = spawn(process.execPath, [join(root, 'out/main/headless.js'), ...process.argv.slice(2)], {
  stdio: 'inherit',
});
// Ctrl+C reaches the whole process group; SIGTERM from a supervisor is forwarded.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
