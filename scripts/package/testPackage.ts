// `npm run test:package [-- --keep] [-- --json FILE]`: packages Caliper for Linux with
// electron-builder (`--dir`, offline: a stand-in replaces Electron's binary) and checks the result.
import builder from 'electron-builder';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import config from '../../electron-builder';
import { buildIfNeeded, root } from '../lib/build.mjs';
import { electronVersion } from '../lib/electron.mjs';
import { checkPackage, type CheckResult } from './checkPackage';
import { builderOs, engineFlavorFromEnv } from './engineVariants';
import { sizeBudgetBytes } from './sizeBudget';
import { makeStandInElectron } from './standInElectron';

const { values } = parseArgs({ options: { keep: { type: 'boolean' }, json: { type: 'string' } } });

function report(results: CheckResult[], skipped: string | null): never {
  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  if (values.json) writeFileSync(values.json, JSON.stringify({ passed, failed, skipped: skipped ? 1 : 0, skipReason: skipped, results }, null, 2));
  console.log(skipped ? `package layout: skipped (${skipped})` : `package layout: ${passed} passed, ${failed} failed`);
  process.exit(failed > 0 ? 1 : 0);
}

async function main(): Promise<void> {
  if (process.platform !== 'linux') {
    // The stand-in is a Linux executable and the check wants this machine's Linux engine packages.
    report([], `the layout test packages for Linux and runs on Linux; this is ${process.platform}`);
  }
  if (!buildIfNeeded()) report([{ name: 'build', ok: false, detail: 'electron-vite build failed' }], null);

  const work = mkdtempSync(join(tmpdir(), 'caliper-package-'));
  const flavor = engineFlavorFromEnv();
  const arch = process.arch;
  let results: CheckResult[];
  try {
    const electronDist = makeStandInElectron(join(work, 'electron'), electronVersion());
    const output = join(work, 'dist');
    const started = Date.now();
    // The configuration file is loaded by electron-builder itself; only these are overridden.
    // No native rebuild: it needs Electron's headers from the internet (the release build does it).
    await builder.build({
      projectDir: root,
      targets: builder.Platform.LINUX.createTarget(['dir'], builder.archFromString(arch)),
      config: { electronDist, npmRebuild: false, directories: { output, buildResources: 'build' } },
      publish: 'never',
    });
    console.log(`\npackaged in ${((Date.now() - started) / 1000).toFixed(1)} s (better-sqlite3 not rebuilt for Electron here: no headers offline)\n`);

    const appOutDir = join(output, arch === 'x64' ? 'linux-unpacked' : `linux-${arch}-unpacked`);
    results = await checkPackage({
      appOutDir,
      executable: join(appOutDir, config.executableName ?? 'caliper'),
      target: { os: builderOs(process.platform), arch, flavor },
      config,
      sizeBudgetBytes: sizeBudgetBytes[flavor],
    });
    for (const r of results) console.log(`${r.ok ? '✓' : '✗'} ${r.name}: ${r.detail}`);
    if (values.keep) console.log(`\nkept: ${appOutDir}`);
  } catch (error) {
    results = [{ name: 'electron-builder', ok: false, detail: (error as Error).message }];
    console.error(error);
  } finally {
    if (!values.keep) rmSync(work, { recursive: true, force: true });
  }
  report(results, null);
}

await main();
