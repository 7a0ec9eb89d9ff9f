import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtinModules } from 'node:module';
import type { Configuration } from 'electron-builder';
import { builtEntryPoints } from '../../src/main/base/entryPoints';
import { libllamaInPackage } from '../../src/main/engineProcess/host/quantize/libllamaPath';
import { isNativeBinary, readAsarBytes, readAsarIndex, type AsarEntry } from './asarIndex';
import { missingBuildTools } from '../../src/main/services/engineBuild/buildTools';
import { buildInputsIn, configureNativeBuild, missingBuildInputs } from '../../src/main/services/engineBuild/nativeBuild';
import { isEnginePackageFor, shipsEngineSource, type EngineTarget } from './engineVariants';
import { readFuses, requiredFuses, type FuseName } from './fuses';

export interface CheckResult {
  name: string;
  ok: boolean;
  detail: string;
}

export interface PackageUnderTest {
  /** electron-builder's unpacked output for one target (`linux-unpacked`). */
  appOutDir: string;
  /** The executable inside it (fuses live there). */
  executable: string;
  target: EngineTarget;
  /** The configuration the package was built from. */
  config: Configuration;
  /** Budget for the app's own resources (app.asar + app.asar.unpacked), in bytes. */
  sizeBudgetBytes: number;
}

const NATIVE_NAME = /\.(node|dylib|dll|so)$|\.so\.\d+/;
const MB = 1024 * 1024;

/** Every check `npm run test:package` makes of a packaged app. */
export async function checkPackage(pkg: PackageUnderTest): Promise<CheckResult[]> {
  const resources = join(pkg.appOutDir, 'resources');
  const archive = join(resources, 'app.asar');
  const unpackedDir = join(resources, 'app.asar.unpacked');
  if (!existsSync(archive)) return [{ name: 'app.asar', ok: false, detail: `${archive} does not exist` }];
  const { entries, dataStart } = readAsarIndex(archive);
  const byPath = new Map(entries.map((e) => [e.path, e]));
  const packed = (path: string) => byPath.get(path)?.unpacked === false;
  const results: CheckResult[] = [];
  const check = (name: string, problems: string[], okDetail: string) =>
    results.push({ name, ok: problems.length === 0, detail: problems.length === 0 ? okDetail : problems.join('; ') });

  // The app itself is in the archive.
  const manifest = readPackedJson(archive, dataStart, byPath.get('package.json')) as { main?: string } | null;
  const main = manifest?.main?.replace(/^\.\//, '') ?? '';
  const catalog = entries.filter((e) => e.path.startsWith('resources/catalog/') && e.path.endsWith('.json'));
  const appFiles = ['package.json', main, 'out/preload/index.cjs', 'out/renderer/index.html'];
  check(
    'the app is inside app.asar',
    [
      ...appFiles.filter((f) => !f || !packed(f)).map((f) => `${f || 'package.json "main"'} is not in the archive`),
      ...(catalog.length === 0 ? ['resources/catalog has no families'] : []),
      ...(existsSync(join(resources, 'app')) ? ['a resources/app folder would be loaded beside the archive'] : []),
    ],
    `${entries.filter((e) => !e.unpacked).length} files packed, main ${main}, ${catalog.length} catalog families`,
  );

  // Each process and worker entry, and every module it imports, is there.
  const entryFiles = Object.values(builtEntryPoints('out/main')).map((e) => e.file);
  const reached = reachableModules(archive, dataStart, byPath, [main, ...entryFiles]);
  check(
    'process and worker entries load from the archive',
    [...entryFiles.filter((f) => !packed(f)).map((f) => `${f} is missing`), ...reached.missing.map((m) => `${m} is imported but missing`)],
    `${entryFiles.length + 1} entries, ${reached.files.size} modules`,
  );
  const missingPackages = [...reached.packages].filter((name) => !byPath.has(`node_modules/${name}/package.json`));
  check(
    'every package the main bundles import is shipped',
    missingPackages.map((p) => `${p} is imported by out/main but not in the package`),
    [...reached.packages].sort().join(', '),
  );

  // Native code: never inside the archive, always beside it.
  const nativeInside = entries.filter((e) => !e.unpacked && (NATIVE_NAME.test(e.path) || isNativeBinary(readAsarBytes(archive, dataStart, e, 4))));
  check('no native binary inside app.asar', nativeInside.map((e) => `${e.path} is packed`), 'none');

  const natives = entries.filter((e) => NATIVE_NAME.test(e.path));
  const notBeside = natives.filter((e) => {
    const file = join(unpackedDir, e.path);
    return !existsSync(file) || statSync(file).size !== e.size;
  });
  const loaded = loadedNatives(unpackedDir, pkg.target);
  check(
    'every .node and shared library is in app.asar.unpacked',
    [...notBeside.map((e) => `${e.path} is not in app.asar.unpacked`), ...loaded.problems],
    `${natives.length} native files, including ${loaded.found.join(', ')}`,
  );

  // Only this target's engine (and FFI) binaries.
  const enginePackages = listDir(join(unpackedDir, 'node_modules', '@node-llama-cpp'));
  const foreign = enginePackages.filter((name) => !isEnginePackageFor(name, pkg.target));
  const koffi = listDir(join(unpackedDir, 'node_modules', '@koromix'));
  const koffiForeign = koffi.filter((name) => name !== `koffi-${nodePlatform(pkg.target.os)}-${pkg.target.arch}`);
  const localBuilds = listDir(join(unpackedDir, 'node_modules', 'node-llama-cpp', 'llama', 'localBuilds')).filter(
    (name) => !name.startsWith(`${pkg.target.os}-${pkg.target.arch}`),
  );
  check(
    `only ${pkg.target.os}-${pkg.target.arch} engine binaries (${pkg.target.flavor})`,
    [
      ...foreign.map((n) => `@node-llama-cpp/${n} belongs to another platform or flavor`),
      ...koffiForeign.map((n) => `@koromix/${n} belongs to another platform`),
      ...localBuilds.map((n) => `node-llama-cpp local build ${n} belongs to another platform`),
      ...(enginePackages.includes(`${pkg.target.os}-${pkg.target.arch}`) ? [] : [`@node-llama-cpp/${pkg.target.os}-${pkg.target.arch} is missing`]),
    ],
    `@node-llama-cpp/{${enginePackages.join(', ')}}, @koromix/{${koffi.join(', ')}}`,
  );

  results.push(await checkEngineSource(pkg.target, entries, unpackedDir));

  // Fuses, from the configuration and from the packaged executable.
  const configured: Partial<Record<FuseName, boolean>> = pkg.config.electronFuses ?? {};
  const configProblems = (Object.keys(requiredFuses) as FuseName[])
    .filter((fuse) => configured[fuse] !== requiredFuses[fuse])
    .map((fuse) => `electronFuses.${fuse} is ${String(configured[fuse])}, must be ${requiredFuses[fuse]}`);
  const readings = await readFuses(pkg.executable).catch((error: Error) => error);
  const binaryProblems =
    readings instanceof Error
      ? [`cannot read the fuse wire: ${readings.message}`]
      : readings.filter((r) => r.actual !== r.expected).map((r) => `${r.fuse} is ${String(r.actual)} in the binary, must be ${r.expected}`);
  check(
    'fuses as required, in the configuration and the packaged binary',
    [...configProblems, ...binaryProblems],
    Object.entries(requiredFuses)
      .map(([fuse, on]) => `${fuse} ${on ? 'on' : 'off'}`)
      .join(', '),
  );

  // The rest of the hardening that shows in a package.
  const unpackGlobs = pkg.config.asarUnpack ?? [];
  const languages = listDir(join(pkg.appOutDir, 'locales')).map((f) => f.replace(/\.pak$/, ''));
  const wanted = new Set(pkg.config.electronLanguages ?? []);
  const updateConfig = existsSync(join(resources, 'app-update.yml')) ? readFileSync(join(resources, 'app-update.yml'), 'utf8') : '';
  check(
    'hardening and updates configuration',
    [
      ...(pkg.config.asar === true ? [] : ['asar is not on']),
      ...(['**/*.node', 'node_modules/@node-llama-cpp/**'].every((g) => (Array.isArray(unpackGlobs) ? unpackGlobs : [unpackGlobs]).includes(g)) ? [] : ['asarUnpack does not cover the native modules']),
      ...languages.filter((l) => !wanted.has(l)).map((l) => `Chromium locale ${l} is shipped`),
      ...(/provider: github/.test(updateConfig) ? [] : ['app-update.yml (GitHub releases) is missing']),
    ],
    `asar on, natives unpacked, locales ${languages.join(' ')}, updates from GitHub releases (off until the user agrees)`,
  );

  // Size against the budget.
  const asarBytes = statSync(archive).size;
  const unpackedBytes = folderBytes(unpackedDir);
  const total = asarBytes + unpackedBytes;
  results.push({
    name: 'package size within budget',
    ok: total <= pkg.sizeBudgetBytes,
    detail:
      `app ${(total / MB).toFixed(1)} MB of a ${(pkg.sizeBudgetBytes / MB).toFixed(0)} MB budget ` +
      `(app.asar ${(asarBytes / MB).toFixed(1)} MB, app.asar.unpacked ${(unpackedBytes / MB).toFixed(1)} MB; Electron itself is not counted)`,
  });
  return results;
}

/**
 * "Build the engine for this machine" in a package that carries its inputs: each one beside the
 * archive, and CMake configuring node-llama-cpp's project from them (clone of the bundle, patches,
 * Caliper's addition, the headers); the compile itself is `npm test`'s engine build. Packages
 * for other targets must not carry the bundle.
 */
async function checkEngineSource(target: EngineTarget, entries: AsarEntry[], unpackedDir: string): Promise<CheckResult> {
  if (!shipsEngineSource(target)) {
    const name = `no engine source in ${target.os} ${target.flavor} packages`;
    const shipped = entries.some((e) => e.path === 'node_modules/node-llama-cpp/llama/gitRelease.bundle');
    return { name, ok: !shipped, detail: shipped ? 'the llama.cpp source bundle is shipped' : 'left out' };
  }
  const name = 'the engine build configures from the package’s own files';
  const fail = (detail: string) => ({ name, ok: false, detail });
  const { pkgLlamaDir, inputs } = buildInputsIn(unpackedDir);
  const infoFile = join(pkgLlamaDir, 'llama.cpp.info.json');
  if (!existsSync(infoFile)) return fail(`${infoFile} is not in app.asar.unpacked`);
  const pkg = { llamaDir: pkgLlamaDir, version: 'package', tag: (JSON.parse(readFileSync(infoFile, 'utf8')) as { tag: string }).tag };
  const missing = missingBuildInputs(pkg, inputs);
  if (missing.length > 0) return fail(`not in app.asar.unpacked: ${missing.join(', ')}`);
  const tools = missingBuildTools();
  if (tools.length > 0) return fail(`this machine lacks ${tools.join(', ')} to configure it`);
  const work = mkdtempSync(join(tmpdir(), 'caliper-package-build-'));
  try {
    const { release } = await configureNativeBuild({ pkg, workDir: work, inputs, log: () => undefined });
    await release();
    const bundleMb = statSync(join(pkgLlamaDir, 'gitRelease.bundle')).size / MB;
    const detail = `llama.cpp ${pkg.tag} bundle (${bundleMb.toFixed(1)} MB), addon project, headers and Caliper's loop unpacked`;
    return { name, ok: true, detail };
  } catch (error) {
    return fail((error as Error).message.split('\n').slice(0, 4).join(' '));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function nodePlatform(os: EngineTarget['os']): string {
  return os === 'mac' ? 'darwin' : os === 'win' ? 'win32' : 'linux';
}

function listDir(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}

function folderBytes(dir: string): number {
  if (!existsSync(dir)) return 0;
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    total += entry.isDirectory() ? folderBytes(path) : statSync(path).size;
  }
  return total;
}

function readPackedJson(archive: string, dataStart: number, entry: AsarEntry | undefined): unknown {
  if (!entry || entry.unpacked) return null;
  try {
    return JSON.parse(readAsarBytes(archive, dataStart, entry, entry.size).toString('utf8'));
  } catch {
    return null;
  }
}

/** The natives Caliper itself loads: SQLite, the FFI, the engine addon and the libllama the quantizer binds. */
function loadedNatives(unpackedDir: string, target: EngineTarget): { found: string[]; problems: string[] } {
  const modules = join(unpackedDir, 'node_modules');
  const found: string[] = [];
  const problems: string[] = [];
  const expect = (label: string, file: string | null) => {
    if (file && existsSync(file)) found.push(label);
    else problems.push(`${label} is not in app.asar.unpacked`);
  };
  expect('better_sqlite3.node', join(modules, 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'));
  const koffiDir = join(modules, '@koromix', `koffi-${nodePlatform(target.os)}-${target.arch}`);
  const koffiTriplet = listDir(koffiDir).find((d) => existsSync(join(koffiDir, d, 'koffi.node')));
  expect('koffi.node', koffiTriplet ? join(koffiDir, koffiTriplet, 'koffi.node') : null);
  const engine = join(modules, '@node-llama-cpp', `${target.os}-${target.arch}`);
  const binsDir = listDir(join(engine, 'bins'))[0];
  expect('llama-addon.node', binsDir ? join(engine, 'bins', binsDir, 'llama-addon.node') : null);
  expect('libllama (the quantizer binds it)', libllamaInPackage(engine));
  return { found, problems };
}

// Specifiers are module paths or package names: no spaces or commas, so text that merely contains
// "from" next to a quote (a translated string) is not taken for an import.
const RELATIVE = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)["'](\.{1,2}\/[\w@./-]+)["']/g;
const BARE = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*)["']([@\w][\w@./:-]*)["']/g;

/** Follows relative imports from the entries through the archive; collects the packages named. */
function reachableModules(archive: string, dataStart: number, byPath: Map<string, AsarEntry>, starts: string[]) {
  const files = new Set<string>();
  const missing: string[] = [];
  const packages = new Set<string>();
  const builtins = new Set([...builtinModules, 'electron']);
  const queue = [...starts];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (files.has(file)) continue;
    const entry = byPath.get(file);
    if (!entry || entry.unpacked) {
      missing.push(file);
      continue;
    }
    files.add(file);
    const code = readAsarBytes(archive, dataStart, entry, entry.size).toString('utf8');
    const dir = file.split('/').slice(0, -1);
    for (const [, spec] of code.matchAll(RELATIVE)) {
      const parts = [...dir];
      for (const segment of spec!.split('/')) {
        if (segment === '..') parts.pop();
        else if (segment !== '.') parts.push(segment);
      }
      queue.push(parts.join('/'));
    }
    for (const [, spec] of code.matchAll(BARE)) {
      const name = spec!.startsWith('@') ? spec!.split('/').slice(0, 2).join('/') : spec!.split('/')[0]!;
      if (!name.startsWith('node:') && !builtins.has(name)) packages.add(name);
    }
  }
  return { files, missing, packages };
}
