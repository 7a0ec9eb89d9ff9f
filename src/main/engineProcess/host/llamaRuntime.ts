import { getLlama, Llama, LlamaLogLevel } from 'node-llama-cpp';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { EngineBuildInfo } from '../../../shared/contract';
import { NATIVE_ADDON, NATIVE_DIR_ENV, NATIVE_METADATA_FILE, type NativeBuildMetadata } from '../nativeBuildLayout';
import { installFastDecode } from './fastDecode';

/**
 * Which llama.cpp binary this engine process runs. By default node-llama-cpp's prebuilt one
 * (`getLlama({build: 'never'})`: the app never compiles on a user's machine by itself). When the
 * supervisor names a build made for this machine (`CALIPER_ENGINE_NATIVE_DIR`, see
 * services/engineBuild), that addon is loaded instead, the way node-llama-cpp loads its own local
 * builds; if it cannot be loaded, the prebuilt one is, and the reason is reported.
 *
 * node-llama-cpp looks for local builds only inside its own package folder
 * (`llama/localBuilds`), which is read-only in an installed app and shared between checkouts in
 * development; so the addon is loaded from the user's data folder through `Llama._create`, the
 * internal constructor getLlama itself uses for local builds.
 */

let llamaPromise: Promise<Llama> | null = null;
let info: EngineBuildInfo | null = null;

const require = createRequire(import.meta.url);

let version: string | null = null;
export function nodeLlamaCppVersion(): string {
  if (version) return version;
  try {
    // The package exports no package.json; its entry is dist/index.js.
    const entry = require.resolve('node-llama-cpp');
    version = (JSON.parse(readFileSync(join(entry, '..', '..', 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    version = 'unknown';
  }
  return version;
}

/** The engine's llama.cpp, loaded once per process. maxThreads 0: a context's `threads` is exact. */
export function llama(): Promise<Llama> {
  llamaPromise ??= load();
  return llamaPromise;
}

/** The build this process loaded; null until `llama()` has resolved. */
export function engineBuildInfo(): EngineBuildInfo | null {
  return info;
}

/**
 * llama.cpp's CPU threads are an OpenMP team (libgomp), which reads its settings when the engine's
 * library loads. With its defaults, 2 threads lost much of their gain over one here, in a C++ loop
 * over the same libraries on one thread (Q4_K_M about 680 → 950 tok/s with "active"; llama-bench
 * 900–940) as in a Node process (raw decode 625 → 803). Likely libgomp's throttled spin: once it
 * counts more threads than cores, a thread that finished its part of a token spins only 100 times
 * before it sleeps, and the next token starts by waking it. "active" spins up to GOMP_SPINCOUNT
 * (about a millisecond or a few) and then sleeps as before, so an idle engine does not burn a core
 * (2 ms of CPU a second after an answer). A user's own settings win.
 */
function tuneOpenMp(): void {
  process.env.OMP_WAIT_POLICY ??= 'active';
  process.env.GOMP_SPINCOUNT ??= '300000';
}

async function load(): Promise<Llama> {
  tuneOpenMp();
  // CALIPER_FAST_DECODE=0 turns the short decode path off (to measure or rule it out).
  if (process.env.CALIPER_FAST_DECODE !== '0') await installFastDecode(nodeLlamaCppVersion());
  const nativeDir = process.env[NATIVE_DIR_ENV];
  let fallbackReason: string | null = null;
  if (nativeDir) {
    try {
      const l = await loadNative(nativeDir);
      info = describe(l, 'native', null);
      return l;
    } catch (error) {
      fallbackReason = (error instanceof Error ? error.message : String(error)).slice(0, 300);
    }
  }
  const l = await getLlama({ gpu: 'auto', build: 'never', logLevel: LlamaLogLevel.error, maxThreads: 0 });
  info = describe(l, 'prebuilt', fallbackReason);
  return l;
}

function describe(l: Llama, kind: EngineBuildInfo['kind'], fallbackReason: string | null): EngineBuildInfo {
  return {
    kind,
    backend: l.gpu === false ? 'cpu' : l.gpu,
    nodeLlamaCppVersion: nodeLlamaCppVersion(),
    llamaCppRelease: l.llamaCppRelease.release,
    systemInfo: l.systemInfo.trim(),
    fallbackReason,
  };
}

interface LlamaInternals {
  _create(options: Record<string, unknown>): Promise<Llama>;
}

async function loadNative(dir: string): Promise<Llama> {
  const metadataPath = join(dir, NATIVE_METADATA_FILE);
  const bindingPath = join(dir, NATIVE_ADDON);
  if (!existsSync(metadataPath) || !existsSync(bindingPath)) throw new Error(`no engine build in ${dir}`);
  const metadata = JSON.parse(readFileSync(metadataPath, 'utf8')) as NativeBuildMetadata;
  const installed = nodeLlamaCppVersion();
  if (metadata.nodeLlamaCppVersion !== installed) {
    // The addon's JavaScript side is the installed package: a build for another version may not match it.
    throw new Error(`the engine build is for node-llama-cpp ${metadata.nodeLlamaCppVersion}, ${installed} is installed`);
  }
  const create = (Llama as unknown as LlamaInternals)._create;
  if (typeof create !== 'function') throw new Error('this node-llama-cpp cannot load a build from another folder');
  const bindings = require(bindingPath) as unknown;
  return create.call(Llama, {
    bindings,
    bindingPath,
    buildType: 'localBuild',
    buildMetadata: {
      buildOptions: {
        customCmakeOptions: new Map<string, string>(),
        llamaCpp: { repo: 'ggml-org/llama.cpp', release: metadata.llamaCppRelease },
        gpu: false,
      },
    },
    logLevel: LlamaLogLevel.error,
    logger: Llama.defaultConsoleLogger,
    maxThreads: 0,
    // node-llama-cpp's defaults (getLlama's defaultLlamaVramPadding / defaultLlamaRamPadding on Linux).
    vramPadding: (total: number) => Math.floor(Math.min(total * 0.08, 1.6 * 1024 ** 3)),
    ramPadding: (total: number) => Math.floor(Math.min(total * 0.25, (process.platform === 'linux' ? 1 : 6) * 1024 ** 3)),
    debug: false,
    numa: false,
    tempDir: false,
    skipLlamaInit: false,
  });
}
