import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import {
  EngineBuildStateSchema,
  NativeBuildSchema,
  type BuildRequirement,
  type EngineBuildJob,
  type EngineBuildState,
  type NativeBuild,
} from '../../../shared/contract';
import { appError } from '../../base/appError';
import { Emitter } from '../../base/emitter';
import type { EntryPoint } from '../../base/entryPoints';
import { EngineConnection } from '../../engineProcess/engineConnection';
import type { EngineSupervisor } from '../../engineProcess/engineSupervisor';
import type { EngineLauncher } from '../../engineProcess/launcher';
import { CALIPER_ADDON_REVISION, NATIVE_DIR_ENV, NATIVE_METADATA_FILE, type NativeBuildMetadata } from '../../engineProcess/nativeBuildLayout';
import { missingBuildTools } from './buildTools';
import { BuildCancelled, llamaPackage, type LlamaPackage } from './llamaSource';
import { buildNativeEngine, missingBuildInputs } from './nativeBuild';

export interface EngineBuildServiceDeps {
  /** `<data>/engine-build`: the state file, the build and its scratch space. */
  dir: string;
  engine: EngineSupervisor;
  /** For the smoke test: an engine process started with the new build. */
  entry: EntryPoint;
  launch: EngineLauncher;
  /** The smallest model in the library, which the smoke test loads and asks for a few tokens; null: none. */
  smokeModel: () => Promise<string | null>;
  /** Test seams: the package, what is missing to build (tools, sources), and the compile itself. */
  pkg?: () => LlamaPackage;
  missingTools?: () => BuildRequirement[];
  build?: typeof buildNativeEngine;
}

const PersistedSchema = z.object({
  use: z.enum(['native', 'prebuilt']),
  native: NativeBuildSchema.nullable(),
  /** The CPU the build was compiled for: native flags do not run on another one. */
  cpuFingerprint: z.string().nullable(),
});
type Persisted = z.infer<typeof PersistedSchema>;

const LOG_LINES = 200;

/** The revision of Caliper's generation loop a build was made with (none: before it existed). */
function builtLoopRevision(dir: string): number | null {
  try {
    return (JSON.parse(readFileSync(join(dir, NATIVE_METADATA_FILE), 'utf8')) as NativeBuildMetadata).caliperAddon ?? null;
  } catch {
    return null;
  }
}

/** CPU model and extensions: a native build is used only on the CPU it was compiled for. */
export function cpuFingerprint(): string {
  let flags = '';
  try {
    flags = /^(?:flags|Features)\s*:\s*(.*)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? '';
  } catch {
    // not Linux: the model name and architecture must do
  }
  return createHash('sha256')
    .update(`${cpus()[0]?.model ?? ''}|${process.arch}|${flags}`)
    .digest('hex')
    .slice(0, 16);
}

/**
 * "Build the engine for this machine": compiles node-llama-cpp's bundled llama.cpp here (native
 * flags, OpenMP) in the background, with progress, log and cancel; smoke-tests it in an engine
 * process of its own (the addon loads, llama.cpp reports its CPU features, a model answers); only
 * then offers it to new engine processes through `env()`. The prebuilt binary stays the fallback:
 * chosen by the user, used when no build passed, and by the engine itself when a build fails to load.
 */
export class EngineBuildService {
  private persisted: Persisted;
  private job: EngineBuildJob | null = null;
  private abort: AbortController | null = null;
  private readonly changed = new Emitter<EngineBuildState>();
  readonly onDidChange = this.changed.event;
  private readonly statePath: string;
  private readonly fingerprint = cpuFingerprint();
  /** The build the engine last reported; kept for the frequent updates while compiling. */
  private inUse: EngineBuildState['inUse'] = null;

  constructor(private readonly deps: EngineBuildServiceDeps) {
    mkdirSync(deps.dir, { recursive: true });
    this.statePath = join(deps.dir, 'state.json');
    this.persisted = this.read();
  }

  private pkg(): LlamaPackage {
    return (this.deps.pkg ?? llamaPackage)();
  }

  private read(): Persisted {
    try {
      return PersistedSchema.parse(JSON.parse(readFileSync(this.statePath, 'utf8')));
    } catch {
      return { use: 'native', native: null, cpuFingerprint: null };
    }
  }

  private save(): void {
    writeFileSync(this.statePath, JSON.stringify(this.persisted, null, 2));
  }

  /** A build usable here: compiled for this node-llama-cpp and this CPU, still on disk. */
  private usableNative(): NativeBuild | null {
    const n = this.persisted.native;
    if (!n || this.persisted.cpuFingerprint !== this.fingerprint) return null;
    let version: string;
    try {
      version = this.pkg().version;
    } catch {
      return null;
    }
    return n.nodeLlamaCppVersion === version && existsSync(n.dir) ? n : null;
  }

  state(inUse: EngineBuildState['inUse'] = this.inUse): EngineBuildState {
    let missing: BuildRequirement[];
    try {
      const pkg = this.pkg();
      missing = this.deps.missingTools ? this.deps.missingTools() : [...missingBuildInputs(pkg), ...missingBuildTools()];
    } catch {
      missing = ['nodeLlamaCpp'];
    }
    if (process.platform === 'win32') missing.push('os');
    const native = this.usableNative();
    return EngineBuildStateSchema.parse({
      canBuild: missing.length === 0,
      missing,
      native,
      nativeOutdated: native !== null && builtLoopRevision(native.dir) !== CALIPER_ADDON_REVISION,
      use: this.persisted.use,
      job: this.job,
      inUse,
    });
  }

  async current(): Promise<EngineBuildState> {
    this.inUse = await this.deps.engine.engineBuildInfo().catch(() => null);
    return this.state();
  }

  /** Environment for new engine processes: the native build's folder when it is usable and chosen. */
  env(): Record<string, string> | undefined {
    const native = this.persisted.use === 'native' ? this.usableNative() : null;
    return native ? { [NATIVE_DIR_ENV]: native.dir } : undefined;
  }

  async use(use: 'native' | 'prebuilt'): Promise<EngineBuildState> {
    if (use === 'native' && !this.usableNative()) throw appError('ENGINE_BUILD_NONE', {});
    this.persisted = { ...this.persisted, use };
    this.save();
    this.deps.engine.restartProbe();
    return this.fire();
  }

  start(): EngineBuildState {
    if (this.job?.state === 'running') throw appError('ENGINE_BUILD_BUSY', {});
    const state = this.state();
    if (!state.canBuild) throw appError('ENGINE_BUILD_UNAVAILABLE', { missing: state.missing });
    this.abort = new AbortController();
    this.job = { state: 'running', step: 'source', progress: null, log: [], error: null, startedAt: Date.now(), finishedAt: null };
    void this.runJob(this.abort.signal);
    return this.fireSync();
  }

  cancel(): EngineBuildState {
    this.abort?.abort();
    return this.state();
  }

  private async runJob(signal: AbortSignal): Promise<void> {
    const job = this.job!;
    const log = (line: string) => {
      job.log.push(line);
      if (job.log.length > LOG_LINES) job.log.splice(0, job.log.length - LOG_LINES);
      this.fireSoon();
    };
    try {
      const gpu = await this.deps.engine.gpu();
      if (gpu.state === 'ready' && gpu.backend !== 'cpu') {
        throw new Error(`this machine uses the ${gpu.backend} engine; a build for this machine is CPU only and would not use the GPU`);
      }
      const pkg = this.pkg();
      const outDir = join(this.deps.dir, `native-${pkg.version}-${pkg.tag}`);
      const metadata = await (this.deps.build ?? buildNativeEngine)({
        pkg,
        workDir: join(this.deps.dir, 'work'),
        outDir,
        log,
        signal,
        // A background job: the compilers run at low priority and leave a core to the rest of the app.
        parallel: Math.max(1, cpus().length - 1),
        priority: 10,
        onStep: (step) => {
          job.step = step;
          this.fireSoon();
        },
        onProgress: (fraction) => {
          job.progress = fraction;
          this.fireSoon();
        },
      });
      job.step = 'smoke';
      job.progress = null;
      this.fireSoon();
      const systemInfo = await this.smokeTest(outDir, log);
      this.persisted = {
        use: 'native',
        native: { dir: outDir, builtAt: metadata.builtAt, nodeLlamaCppVersion: metadata.nodeLlamaCppVersion, llamaCppRelease: metadata.llamaCppRelease, systemInfo },
        cpuFingerprint: this.fingerprint,
      };
      this.save();
      this.deps.engine.restartProbe();
      job.state = 'succeeded';
    } catch (error) {
      job.state = signal.aborted || error instanceof BuildCancelled ? 'cancelled' : 'failed';
      job.error = job.state === 'failed' ? (error instanceof Error ? error.message : String(error)).slice(0, 2000) : null;
    } finally {
      job.finishedAt = Date.now();
      this.abort = null;
      this.fire();
    }
  }

  /**
   * The build must load in a real engine process and report itself native (no fallback); with a
   * model in the library, it must also load it and generate. Returns llama.cpp's system info.
   */
  private async smokeTest(dir: string, log: (line: string) => void): Promise<string> {
    const conn = new EngineConnection(this.deps.entry, (entry, env) => this.deps.launch(entry, { ...env, [NATIVE_DIR_ENV]: dir }));
    try {
      const hw = await conn.request({ type: 'hardware' }, { timeoutMs: 120_000 });
      if (hw.type !== 'hardware' || !hw.engine) throw new Error(`smoke test: ${hw.type === 'error' ? hw.detail : 'no answer'}`);
      if (hw.engine.kind !== 'native') throw new Error(`smoke test: the build did not load (${hw.engine.fallbackReason ?? 'unknown reason'})`);
      log(`smoke test: loaded, ${hw.engine.systemInfo}`);
      const model = await this.deps.smokeModel();
      if (model) {
        const loaded = await conn.request(
          { type: 'load', path: model, settings: { gpuLayers: 0, contextSize: 256, threads: 1, batchSize: null, flashAttention: false, kvCacheType: 'F16', lora: [] }, threads: 1 },
          { timeoutMs: 300_000 },
        );
        if (loaded.type !== 'loaded') throw new Error(`smoke test: ${model} did not load: ${loaded.type === 'error' ? loaded.detail : loaded.type}`);
        const answer = await conn.request(
          {
            type: 'complete',
            generationId: 'smoke',
            prompt: 'The',
            sampling: { temperature: 0, topP: 1, topK: 0, minP: 0, repeatPenalty: 1, seed: 1, maxTokens: 4 },
          },
          { timeoutMs: 300_000 },
        );
        if (answer.type !== 'generated' || answer.result.stats.generatedTokens < 1) throw new Error('smoke test: the model generated nothing');
        log(`smoke test: ${model} generated ${answer.result.stats.generatedTokens} tokens`);
      }
      return hw.engine.systemInfo;
    } finally {
      conn.kill();
    }
  }

  private fireSync(): EngineBuildState {
    const s = this.state();
    this.changed.fire(s);
    return s;
  }

  private async fire(): Promise<EngineBuildState> {
    const s = await this.current();
    this.changed.fire(s);
    return s;
  }

  private pending: NodeJS.Timeout | null = null;
  /** Compile output arrives line by line: listeners hear of it at most every 250 ms. */
  private fireSoon(): void {
    this.pending ??= setTimeout(() => {
      this.pending = null;
      this.fireSync();
    }, 250);
  }

  dispose(): void {
    this.abort?.abort();
    if (this.pending) clearTimeout(this.pending);
  }
}
