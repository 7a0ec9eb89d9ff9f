// `npm run dist -- [--mac|--win|--linux] [--x64|--arm64] [--publish never]`: the installers, with
// electron-builder (configuration: electron-builder.ts). Arguments go to electron-builder as given.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildIfNeeded, root } from '../lib/build.mjs';
import { electronVersion } from '../lib/electron.mjs';
import { scriptTranslator } from '../lib/translator.mjs';
import { signingStatus } from './signing';

const t = await scriptTranslator();
const args = process.argv.slice(2);

// electron-builder's own tooling (@electron/rebuild 4, @electron/get) needs Node 22.12.
const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  console.error(t('desktop.dist.nodeTooOld', { version: electronVersion(), node: process.versions.node }));
  process.exit(1);
}

/** In a GitHub Actions log an unsigned build is a warning annotation, visible on the run's page. */
const warn = (text: string) => console.log(process.env.GITHUB_ACTIONS ? `::warning::${text}` : text);
const signing = signingStatus();
const platform = args.includes('--mac') ? 'darwin' : args.includes('--win') ? 'win32' : args.includes('--linux') ? 'linux' : process.platform;
if (platform === 'darwin') {
  if (signing.mac) console.log(t('desktop.dist.signedMac'));
  else warn(t('desktop.dist.unsignedMac'));
  if (signing.notarize) console.log(t('desktop.dist.notarized'));
  else warn(t('desktop.dist.notNotarized'));
}
if (platform === 'win32') {
  if (signing.windows) console.log(t('desktop.dist.signedWindows'));
  else warn(t('desktop.dist.unsignedWindows'));
}

if (!buildIfNeeded()) {
  console.error(t('desktop.start.buildFailed'));
  process.exit(1);
}

// electron-builder rebuilds better-sqlite3 for Electron in node_modules itself; the Node build
// that `npm test` and `npm run serve` load is put back afterwards.
const nodeBuild = join(root, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
const keep = mkdtempSync(join(tmpdir(), 'caliper-dist-'));
const kept = existsSync(nodeBuild) ? join(keep, 'better_sqlite3.node') : null;
if (kept) copyFileSync(nodeBuild, kept);
let status: number | null;
try {
  status = spawnSync(process.execPath, [join(root, 'node_modules', 'electron-builder', 'cli.js'), ...args], { cwd: root, stdio: 'inherit' }).status;
} finally {
  if (kept) {
    copyFileSync(kept, nodeBuild);
    console.log(t('desktop.dist.restored'));
  }
  rmSync(keep, { recursive: true, force: true });
}
process.exit(status ?? 1);
