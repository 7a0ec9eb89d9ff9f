// `npm run check:fuses -- <dist folder or app>`: reads the fuse wire of every packaged app found
// (linux-unpacked/caliper, win-unpacked/Caliper.exe, mac*/Caliper.app) with @electron/fuses and
// fails unless each fuse is as scripts/package/fuses.ts requires. Run by the release workflow.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import config, { productName } from '../../electron-builder';
import { readFuses, requiredFuses } from './fuses';

export function packagedApps(path: string): string[] {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory() || path.endsWith('.app')) return [path];
  const found: string[] = [];
  for (const entry of readdirSync(path)) {
    const dir = join(path, entry);
    if (!statSync(dir).isDirectory()) continue;
    for (const candidate of [join(dir, config.executableName ?? 'caliper'), join(dir, `${productName}.exe`), join(dir, `${productName}.app`)]) {
      if (existsSync(candidate)) found.push(candidate);
    }
  }
  return found;
}

const target = process.argv[2] ?? 'dist';
const apps = packagedApps(target);
if (apps.length === 0) {
  console.error(`no packaged app under ${target}`);
  process.exit(1);
}
let failed = false;
for (const app of apps) {
  for (const r of await readFuses(app)) {
    const ok = r.actual === r.expected;
    failed ||= !ok;
    console.log(`${ok ? '✓' : '✗'} ${app}: ${r.fuse} ${r.actual === null ? 'missing' : r.actual ? 'on' : 'off'}${ok ? '' : ` (must be ${r.expected ? 'on' : 'off'})`}`);
  }
  // With asar integrity validation on, macOS refuses an app whose Info.plist lacks the archive's hash.
  if (app.endsWith('.app') && requiredFuses.enableEmbeddedAsarIntegrityValidation) {
    const plist = readFileSync(join(app, 'Contents', 'Info.plist'), 'utf8');
    const ok = plist.includes('ElectronAsarIntegrity');
    failed ||= !ok;
    console.log(`${ok ? '✓' : '✗'} ${app}: ElectronAsarIntegrity ${ok ? 'recorded' : 'missing'} in Info.plist`);
  }
}
process.exit(failed ? 1 : 0);
