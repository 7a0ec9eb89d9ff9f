import { existsSync, readdirSync } from 'node:fs';
import { copyFile, cp, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { ensureLlamaSource, run, type LlamaPackage, type LogSink } from './llamaSource';
import {
  CALIPER_ADDON_REVISION,
  NATIVE_ADDON,
  NATIVE_METADATA_FILE,
  type NativeBuildMetadata,
} from '../../engineProcess/nativeBuildLayout';
import { findTool } from './buildTools';
import { defaultResourcesDir } from '../../base/resourcesDir';
import { unpackedPath } from '../../base/asarPath';
import type { BuildRequirement } from '../../../shared/contract';

/**
 * node-llama-cpp's addon compiled from its bundled llama.cpp for this machine: the same CMake
 * project its own `source download` builds (`llama/CMakeLists.txt` + `addon/`), configured the way
 * its compileLlamaCpp configures a local build (native CPU flags, OpenMP, no Metal/CURL/HTTP), but
 * driven by cmake directly instead of cmake-js, because an installed app has no Node binary to run
 * cmake-js with. cmake-js's only contribution for a Node-API addon is the headers' include path
 * (`CMAKE_JS_INC`), which node-api-headers provides. CPU only: a GPU machine keeps the prebuilt
 * GPU binaries. The result (addon + its shared libraries, found through `$ORIGIN`) goes to
 * `outDir/Release`, with `caliper-build.json` beside it.
 *
 * One file of Caliper's own joins the addon's sources: `resources/engine-addon/caliperGenerate.cpp`, the whole-answer
 * generation loop the engine host prefers when the loaded addon has it (engineProcess/host/nativeGenerate.ts).
 */

export interface NativeBuildOptions {
  pkg: LlamaPackage;
  /** Scratch space: the source clone and the build tree (removed after a success). */
  workDir: string;
  outDir: string;
  log: LogSink;
  onStep?: (step: 'source' | 'configure' | 'compile') => void;
  /** 0–1 through the compile steps. */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
  parallel?: number;
  /** Niceness of the build processes (0: normal). */
  priority?: number;
  /** Compile without optimisation: for tests of what the engine does (about 5 minutes on 2 cores against 7–10; far slower to run). */
  unoptimized?: boolean;
  /** The headers and Caliper's source; this installation's by default. */
  inputs?: BuildInputs;
}

/** Files of node-llama-cpp's `llama/` folder the CMake project needs beside the source clone. */
const PROJECT_FILES = ['CMakeLists.txt', 'addon', 'cmake', 'profiles', 'toolchains'];

const require = createRequire(import.meta.url);

/**
 * What the build compiles besides the llama.cpp source and node-llama-cpp's project (both in
 * `LlamaPackage.llamaDir`): the Node-API headers and Caliper's generation loop. In a package these
 * are the copies beside app.asar (git, cmake and the compilers cannot read the archive), which
 * Linux packages carry (electron-builder.ts); macOS and Windows packages leave them out.
 */
export interface BuildInputs {
  /** node-api-headers' include folder (node_api.h). */
  napiInclude: string;
  /** node-addon-api's folder (napi.h). */
  addonApiInclude: string;
  /** resources/engine-addon/caliperGenerate.cpp */
  caliperSource: string;
}

/** This installation's build inputs; throws when a header package cannot be resolved at all. */
export function installedBuildInputs(): BuildInputs {
  // node-api-headers and node-addon-api are node-llama-cpp's own build dependencies.
  return {
    napiInclude: unpackedPath(join(dirname(require.resolve('node-api-headers/package.json')), 'include')),
    addonApiInclude: unpackedPath(dirname(require.resolve('node-addon-api/package.json'))),
    caliperSource: caliperSourcePath(),
  };
}

function caliperSourcePath(): string {
  return unpackedPath(join(defaultResourcesDir(), 'engine-addon', 'caliperGenerate.cpp'));
}

/**
 * Where an app folder laid out as a package (`node_modules/`, `resources/`) keeps the inputs:
 * what the package check looks for beside app.asar. In a checkout it equals the installed ones.
 */
export function buildInputsIn(appRoot: string): { pkgLlamaDir: string; inputs: BuildInputs } {
  return {
    pkgLlamaDir: join(appRoot, 'node_modules', 'node-llama-cpp', 'llama'),
    inputs: {
      napiInclude: join(appRoot, 'node_modules', 'node-api-headers', 'include'),
      addonApiInclude: join(appRoot, 'node_modules', 'node-addon-api'),
      caliperSource: join(appRoot, 'resources', 'engine-addon', 'caliperGenerate.cpp'),
    },
  };
}

/** What the build needs from the installation that is not there (as files outside any archive). */
export function missingBuildInputs(pkg: LlamaPackage, inputs?: BuildInputs): BuildRequirement[] {
  const missing: BuildRequirement[] = [];
  const lacks = (...files: string[]) => files.some((file) => !existsSync(file));
  if (lacks(join(pkg.llamaDir, 'gitRelease.bundle'))) missing.push('llamaSource');
  if (lacks(join(pkg.llamaDir, 'addon', 'addon.cpp'), join(pkg.llamaDir, 'CMakeLists.txt'))) missing.push('addonSources');
  let found = inputs;
  try {
    found ??= installedBuildInputs();
  } catch {
    // A header package that does not resolve at all.
    return [...missing, ...(lacks(caliperSourcePath()) ? (['caliperAddition'] as const) : []), 'nodeApiHeaders'];
  }
  if (lacks(found.caliperSource)) missing.push('caliperAddition');
  if (lacks(join(found.napiInclude, 'node_api.h'), join(found.addonApiInclude, 'napi.h'))) missing.push('nodeApiHeaders');
  return missing;
}

/** The addon and every shared library in a build tree (CMake's own folders skipped). */
function sharedLibraries(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'CMakeFiles') found.push(...sharedLibraries(path));
    } else if (/\.(node|so(\.\d+)*|dylib)$/.test(entry.name)) found.push(path);
  }
  return found;
}

/** Where node-llama-cpp's addon registers its classes; Caliper's registration goes right after it. */
const REGISTER_FUNCTION = 'Napi::Object registerCallback(';
const REGISTER_ANCHOR = 'AddonSampler::init(exports);';

/** Adds Caliper's source file to the addon folder (CMake globs `addon/*.cpp`) and registers it in `addon.cpp`. */
export async function addCaliperSources(addonDir: string, caliperSource: string): Promise<void> {
  const addonFile = join(addonDir, 'addon.cpp');
  const addon = await readFile(addonFile, 'utf8');
  for (const anchor of [REGISTER_FUNCTION, REGISTER_ANCHOR]) {
    if (!addon.includes(anchor)) throw new Error(`node-llama-cpp's addon.cpp has no "${anchor}" to register Caliper's addition at`);
  }
  const patched = addon
    .replace(REGISTER_FUNCTION, `void caliperRegister(Napi::Object exports);\n\n${REGISTER_FUNCTION}`)
    .replace(REGISTER_ANCHOR, `${REGISTER_ANCHOR}\n    caliperRegister(exports);`);
  await writeFile(addonFile, patched);
  await copyFile(caliperSource, join(addonDir, 'caliperGenerate.cpp'));
}

/** The build tree CMake configured; `release` puts the source clone back where the next build finds it. */
export interface ConfiguredBuild {
  build: string;
  release: () => Promise<void>;
}

/**
 * The source cloned (or reused), node-llama-cpp's project around it with Caliper's addition, and
 * CMake run over them. The package check runs this on a package's own files.
 */
export async function configureNativeBuild(
  o: Pick<NativeBuildOptions, 'pkg' | 'workDir' | 'inputs' | 'log' | 'onStep' | 'signal' | 'priority' | 'unoptimized'>,
): Promise<ConfiguredBuild> {
  if (process.platform === 'win32') throw new Error('building the engine is not supported on Windows yet');
  const inputs = o.inputs ?? installedBuildInputs();
  o.onStep?.('source');
  const src = await ensureLlamaSource(o.pkg, o.workDir, { log: o.log, signal: o.signal });

  // The project folder: node-llama-cpp's CMake files with the clone as its `llama.cpp` subfolder.
  const project = join(o.workDir, 'project');
  await rm(project, { recursive: true, force: true });
  await mkdir(project, { recursive: true });
  for (const name of PROJECT_FILES) {
    const from = join(o.pkg.llamaDir, name);
    if (existsSync(from)) await cp(from, join(project, name), { recursive: true });
  }
  await addCaliperSources(join(project, 'addon'), inputs.caliperSource);
  await rename(src, join(project, 'llama.cpp'));
  // A failed or cancelled build leaves the clone reusable for the next try.
  const release = async () => {
    if (existsSync(join(project, 'llama.cpp'))) await rename(join(project, 'llama.cpp'), src).catch(() => undefined);
  };
  try {
    const build = join(o.workDir, 'build');
    await rm(build, { recursive: true, force: true });
    const platform = process.platform === 'darwin' ? 'mac' : process.platform;
    const output = join(build, 'Release');
    o.onStep?.('configure');
    await run(
      'cmake',
      [
        '-S',
        project,
        '-B',
        build,
        ...(findTool('ninja') ? ['-G', 'Ninja'] : []),
        '-DCMAKE_BUILD_TYPE=Release',
        ...(o.unoptimized ? ['-DCMAKE_C_FLAGS_RELEASE=-O0 -DNDEBUG', '-DCMAKE_CXX_FLAGS_RELEASE=-O0 -DNDEBUG'] : []),
        `-DCMAKE_JS_INC=${inputs.napiInclude}`,
        `-DCMAKE_CXX_FLAGS=-I${inputs.addonApiInclude}`,
        `-DCMAKE_LIBRARY_OUTPUT_DIRECTORY=${output}`,
        `-DCMAKE_RUNTIME_OUTPUT_DIRECTORY=${output}`,
        ...(process.platform === 'darwin' ? ['-DCMAKE_SHARED_LINKER_FLAGS=-undefined dynamic_lookup'] : []),
        `-DNLC_CURRENT_PLATFORM=${platform}-${process.arch}`,
        `-DNLC_TARGET_PLATFORM=${platform}-${process.arch}`,
        `-DNLC_VARIANT=native.${o.pkg.tag}`,
        '-DGGML_BUILD_NUMBER=1',
        '-DGGML_NATIVE=ON',
        '-DGGML_OPENMP=ON',
        '-DGGML_METAL=OFF',
        '-DGGML_CCACHE=OFF',
        '-DLLAMA_CURL=OFF',
        '-DLLAMA_HTTPLIB=OFF',
        '-DLLAMA_BUILD_BORINGSSL=OFF',
        '-DLLAMA_OPENSSL=OFF',
      ],
      { log: o.log, signal: o.signal, priority: o.priority },
    );
    return { build, release };
  } catch (error) {
    await release();
    throw error;
  }
}

export async function buildNativeEngine(o: NativeBuildOptions): Promise<NativeBuildMetadata> {
  const { build, release } = await configureNativeBuild(o);
  try {
    o.onStep?.('compile');
    const parallel = o.parallel ?? cpus().length;
    await run('cmake', ['--build', build, '--target', 'llama-addon', '--parallel', String(parallel)], {
      log: (line) => {
        o.log(line);
        // Ninja: "[12/240] …"; Make: "[ 42%] …".
        const ninjaStep = /^\[(\d+)\/(\d+)\]/.exec(line);
        const makePercent = /^\[\s*(\d+)%\]/.exec(line);
        if (ninjaStep) o.onProgress?.(Number(ninjaStep[1]) / Number(ninjaStep[2]));
        else if (makePercent) o.onProgress?.(Number(makePercent[1]) / 100);
      },
      signal: o.signal,
      priority: o.priority,
    });
    if (!existsSync(join(build, NATIVE_ADDON))) throw new Error(`the build produced no ${NATIVE_ADDON}`);

    const metadata: NativeBuildMetadata = {
      nodeLlamaCppVersion: o.pkg.version,
      llamaCppRelease: o.pkg.tag,
      builtAt: Date.now(),
      caliperAddon: CALIPER_ADDON_REVISION,
    };
    const staged = `${o.outDir}.partial`;
    await rm(staged, { recursive: true, force: true });
    await mkdir(join(staged, 'Release'), { recursive: true });
    // llama.cpp's CMake puts its libraries under bin/ folders of its own; the addon finds them beside it ($ORIGIN).
    for (const file of sharedLibraries(build)) await copyFile(file, join(staged, 'Release', basename(file)));
    const copied = readdirSync(join(staged, 'Release'));
    for (const needed of [/^llama-addon\.node$/, /^libllama\b/, /^libggml-base\b/]) {
      if (!copied.some((name) => needed.test(name))) throw new Error(`the build produced no ${needed.source}`);
    }
    await writeFile(join(staged, NATIVE_METADATA_FILE), JSON.stringify(metadata, null, 2));
    await rm(o.outDir, { recursive: true, force: true });
    await rename(staged, o.outDir);
    await rm(o.workDir, { recursive: true, force: true });
    return metadata;
  } finally {
    await release();
  }
}
