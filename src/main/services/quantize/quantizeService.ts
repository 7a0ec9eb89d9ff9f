import { randomUUID } from 'node:crypto';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import {
  IMATRIX_RECOMMENDED,
  QuantizeRequestSchema,
  type Fit,
  type Lineage,
  type QuantizeErrorCode,
  type QuantizeJob,
  type QuantizePlan,
  type QuantizeRequestInput,
} from '../../../shared/contract';
import { appError } from '../../base/appError';
import { Emitter } from '../../base/emitter';
import { exists, freeBytes } from '../../base/files';
import type { EntryPoint } from '../../base/entryPoints';
import type { EngineSupervisor } from '../../engineProcess/engineSupervisor';
import type { EngineLauncher } from '../../engineProcess/launcher';
import { sha256File } from '../downloads/verifyFile';
import type { EngineService, EstimateAdjust } from '../engine/engineService';
import { confineToFolders } from '../library/confine';
import type { FileHashCache } from '../library/fileHashCache';
import type { HeaderCache } from '../library/headerCache';
import type { HeaderReaderPool } from '../library/headerReaderPool';
import { PARTIAL_FOLDER } from '../library/partialDownloads';
import type { LineageStore } from './lineageStore';
import { QuantizeExitedError, type QuantizeProcess } from './quantizeProcess';
import { SpareProcess, type DryRun } from './spareProcess';
import { FTYPE, UNQUANTIZED, outputName } from './quantTypes';

/** Memory estimates for a file whose weights are `delta` bytes bigger (negative: smaller). */
export function withModelBytes(delta: number): EstimateAdjust {
  return (e, gpuShare) => {
    const vramBytes = Math.max(0, e.vramBytes + delta * gpuShare);
    const ramBytes = Math.max(0, e.ramBytes + delta * (1 - gpuShare));
    return { ...e, ramBytes, vramBytes, fits: ramBytes <= e.availableRamBytes && vramBytes <= e.availableVramBytes };
  };
}

export interface QuantizeServiceDeps {
  lineage: LineageStore;
  entry: EntryPoint;
  launch: EngineLauncher;
  engine: EngineSupervisor;
  engineService: EngineService;
  reader: HeaderReaderPool;
  cache: HeaderCache;
  hashes: FileHashCache;
  folders: () => string[];
  /** A produced file is in place: announce it (library rescan). */
  onFileReady: (path: string, sha256: string | null) => void;
  freeBytes?: (dir: string) => Promise<number>;
}

/** Kept free beyond the output, so the disk is not filled to the last byte. */
const SPACE_MARGIN = 64 << 20;
/** Progress reaches subscribers at most this often; state changes go out at once. */
const EMIT_MS = 250;
interface Prepared {
  source: string;
  sourceFileType: string;
  sourceBytes: number;
  imatrix: string | null;
  output: string;
  requantize: boolean;
  threads: number;
}

interface Live {
  job: QuantizeJob;
  proc: QuantizeProcess | null;
  temp: string;
  cancelled: boolean;
}

/**
 * Quantization jobs, each in a process of its own: a dry run (exact output size), then the real
 * run into a hidden temporary file, its header checked by Caliper's reader, then renamed into the
 * source's folder and registered with its lineage. Nothing partial is ever visible in the library.
 */
export class QuantizeService {
  private readonly live = new Map<string, Live>();
  private readonly lineage: LineageStore;
  private readonly didChange = new Emitter<QuantizeJob[]>();
  readonly onDidChange = this.didChange.event;
  private readonly freeBytes: (dir: string) => Promise<number>;
  private emitTimer: NodeJS.Timeout | null = null;
  private readonly spare: SpareProcess;

  constructor(private readonly deps: QuantizeServiceDeps) {
    this.lineage = deps.lineage;
    this.spare = new SpareProcess(deps.entry, deps.launch);
    this.freeBytes = deps.freeBytes ?? freeBytes;
  }

  list(): QuantizeJob[] {
    return [...this.live.values()].map((l) => l.job);
  }

  lineageOf(path: string): Lineage | null {
    return this.lineage.get(path);
  }

  lineageFromSource(sourceSha256: string): Lineage[] {
    return this.lineage.fromSource(sourceSha256);
  }

  /** The quantize process of a running job (tests kill it to prove a crash leaves nothing). */
  pidOf(id: string): number | undefined {
    return this.live.get(id)?.proc?.pid;
  }

  async plan(input: QuantizeRequestInput): Promise<QuantizePlan> {
    const req = QuantizeRequestSchema.parse(input);
    const prepared = await this.prepare(input);
    const { proc, dry: dryRuns } = this.spare.take(this.modelsLoaded());
    let keep = false;
    try {
      const dry = await this.dryRun(proc, dryRuns, prepared, req.type);
      keep = true;
      const freeBytes = await this.freeBytes(dirname(prepared.output));
      return {
        sourcePath: prepared.source,
        sourceFileType: prepared.sourceFileType,
        sourceBytes: prepared.sourceBytes,
        type: req.type,
        outputPath: prepared.output,
        predictedBytes: dry.bytes,
        fallbackTensors: dry.fallbackTensors,
        fit: await this.fit(prepared, dry.bytes).catch(() => null),
        freeBytes,
        enoughSpace: freeBytes >= dry.bytes + SPACE_MARGIN,
        requantize: prepared.requantize,
        imatrixRecommended: IMATRIX_RECOMMENDED.has(req.type),
        defaultThreads: prepared.threads,
      };
    } finally {
      // The start that usually follows reuses the process (and this dry run): it is ready at once.
      if (keep) this.spare.keep(proc, dryRuns);
      else proc.kill();
    }
  }

  async start(input: QuantizeRequestInput): Promise<QuantizeJob> {
    const req = QuantizeRequestSchema.parse(input);
    const prepared = await this.prepare(input);
    if (prepared.requantize && !req.allowRequantize) {
      throw appError('REQUANTIZE_NEEDS_CONSENT', { path: req.sourcePath, fileType: prepared.sourceFileType });
    }
    if ([...this.live.values()].some((l) => l.job.state === 'running' && l.job.outputPath === prepared.output)) {
      throw appError('QUANTIZE_OUTPUT_EXISTS', { path: prepared.output });
    }
    const id = randomUUID();
    const temp = join(dirname(prepared.output), PARTIAL_FOLDER, `quantize-${id}.gguf.part`);
    const { proc, dry: dryRuns } = this.spare.take(this.modelsLoaded());
    let dry: DryRun;
    try {
      dry = await this.dryRun(proc, dryRuns, prepared, req.type);
      const free = await this.freeBytes(dirname(prepared.output));
      if (free < dry.bytes + SPACE_MARGIN) {
        throw appError('QUANTIZE_NO_SPACE', { neededBytes: dry.bytes + SPACE_MARGIN, availableBytes: free, folder: dirname(prepared.output) });
      }
      await mkdir(dirname(temp), { recursive: true });
    } catch (error) {
      proc.kill();
      throw error;
    }
    const job: QuantizeJob = {
      id,
      sourcePath: prepared.source,
      outputPath: prepared.output,
      type: req.type,
      state: 'running',
      tensorsDone: 0,
      tensorsTotal: 0,
      predictedBytes: dry.bytes,
      threads: prepared.threads,
      error: null,
      startedAt: Date.now(),
      finishedAt: null,
    };
    const live: Live = { job, proc, temp, cancelled: false };
    this.live.set(id, live);
    this.emitNow();
    void this.run(live, prepared, req.type, req.allowRequantize);
    return job;
  }

  async cancel(id: string): Promise<void> {
    const live = this.get(id);
    if (live.job.state !== 'running') return;
    live.cancelled = true;
    live.proc?.kill();
    await rm(live.temp, { force: true });
    this.finish(live, 'cancelled', null);
  }

  /** Forgets a job; a running one is cancelled first (nothing of its output stays). */
  async remove(id: string): Promise<void> {
    const live = this.get(id);
    if (live.job.state === 'running') await this.cancel(id);
    this.live.delete(id);
    this.emitNow();
  }

  dispose(): void {
    this.spare.drop();
    for (const l of this.live.values()) {
      l.cancelled = true;
      l.proc?.kill();
      void rm(l.temp, { force: true });
    }
    if (this.emitTimer) clearTimeout(this.emitTimer);
  }

  private get(id: string): Live {
    const live = this.live.get(id);
    if (!live) throw appError('QUANTIZE_JOB_NOT_FOUND', { id });
    return live;
  }

  /** Checks the source (in a model folder, a GGUF model) and works out the output and threads. */
  private async prepare(input: QuantizeRequestInput): Promise<Prepared> {
    const req = QuantizeRequestSchema.parse(input);
    const source = await this.deps.engineService.checkFile(req.sourcePath);
    const s = await stat(source);
    const facts = this.deps.cache.get(source, s.size, s.mtimeMs)?.facts;
    const sourceFileType = facts?.fileType ?? 'unknown';
    const imatrix = req.imatrixPath ? await confineToFolders(req.imatrixPath, this.deps.folders()) : null;
    const output = join(dirname(source), outputName(basename(source), req.type));
    if (await exists(output)) throw appError('QUANTIZE_OUTPUT_EXISTS', { path: output });
    return {
      source,
      sourceFileType,
      sourceBytes: s.size,
      imatrix,
      output,
      requantize: !UNQUANTIZED.has(sourceFileType.toUpperCase()),
      threads: req.threads ?? (await this.defaultThreads()),
    };
  }

  /**
   * All cores but one when no model is loaded; otherwise the cores the loaded models do not use,
   * at least one (the process also runs at the lowest priority, so a chat keeps its speed).
   */
  private async defaultThreads(): Promise<number> {
    const busy = this.deps.engine.list().reduce((sum, m) => sum + (m.state === 'failed' ? 0 : (m.threads ?? 1)), 0);
    return this.deps.engine.defaultThreads(busy);
  }

  /** A chat may be running: the quantization then yields the CPU (see quantizeHost). */
  private modelsLoaded(): boolean {
    return this.deps.engine.list().some((m) => m.state !== 'failed');
  }

  private async dryRun(proc: QuantizeProcess, cache: Map<string, DryRun>, p: Prepared, type: keyof typeof FTYPE): Promise<DryRun> {
    const key = `${p.source}\u0000${p.sourceBytes}\u0000${type}\u0000${p.imatrix}`;
    const known = cache.get(key);
    if (known) return known;
    const reply = await proc
      .call({ source: p.source, output: `${p.output}.dry-run`, ftype: FTYPE[type], threads: 1, dryRun: true, allowRequantize: true, imatrixPath: p.imatrix })
      .catch((error: Error) => ({ type: 'error', kind: 'failed', detail: error.message }) as const);
    if (reply.type === 'done') {
      const result = { bytes: reply.bytes, fallbackTensors: reply.fallbackTensors };
      cache.set(key, result);
      return result;
    }
    throw appError('QUANTIZE_UNSUPPORTED', { path: p.source, type, detail: reply.detail });
  }

  /**
   * The output's label by the same judgement as any file's: the source's estimates with the
   * model's bytes replaced by the output's, split between GPU and RAM as the layers are.
   */
  private fit(p: Prepared, outputBytes: number): Promise<Fit> {
    return this.deps.engineService.fitFile(p.source, undefined, withModelBytes(outputBytes - p.sourceBytes));
  }

  private async run(live: Live, p: Prepared, type: keyof typeof FTYPE, allowRequantize: boolean): Promise<void> {
    const started = performance.now();
    try {
      const reply = await live.proc!.call(
        { source: p.source, output: live.temp, ftype: FTYPE[type], threads: p.threads, dryRun: false, allowRequantize, imatrixPath: p.imatrix },
        (done, total) => {
          live.job = { ...live.job, tensorsDone: done, tensorsTotal: total };
          this.emitSoon();
        },
      );
      live.proc?.kill();
      live.proc = null;
      if (live.cancelled) return;
      if (reply.type === 'error') {
        const writeFailed = /iostream|write|No space|ENOSPC/i.test(reply.detail);
        return await this.fail(live, reply.kind === 'unsupported' ? 'UNSUPPORTED' : writeFailed ? 'DISK_FULL' : 'FAILED', reply.detail);
      }
      // Flushed before the rename (a crash then leaves the old state or the whole file), and off the
      // main thread: otherwise the next SQLite commit's fsync would wait for these dirty pages.
      await flush(live.temp);
      const header = await this.deps.reader.read(live.temp);
      if (header.problem) return await this.fail(live, 'BAD_OUTPUT', `${header.problem.code}: ${header.problem.detail}`);
      if (await exists(live.job.outputPath)) return await this.fail(live, 'BAD_OUTPUT', `${live.job.outputPath} appeared meanwhile`);
      await rename(live.temp, live.job.outputPath);
      const durationMs = performance.now() - started;
      await this.register(live.job, p, durationMs, allowRequantize);
      this.finish(live, 'done', null);
    } catch (error) {
      live.proc = null;
      if (live.cancelled) return;
      const detail =
        error instanceof QuantizeExitedError ? `the quantize process stopped unexpectedly (exit code ${error.exitCode})` : String(error);
      await this.fail(live, error instanceof QuantizeExitedError ? 'CRASHED' : 'FAILED', detail);
    }
  }

  /**
   * Lineage with the source's hash (usually known: the library hashes every file). The output's
   * hash is left to the library's background hasher, so a multi-GB file is not read again before
   * the job reports done.
   */
  private async register(job: QuantizeJob, p: Prepared, durationMs: number, requantized: boolean): Promise<void> {
    const src = await stat(p.source);
    const sourceSha256 = this.deps.hashes.get(p.source, src.size, src.mtimeMs) ?? (await sha256File(p.source));
    this.deps.hashes.put(p.source, src.size, src.mtimeMs, sourceSha256);
    const out = await stat(job.outputPath);
    this.lineage.save({
      path: job.outputPath,
      sha256: null,
      sourcePath: p.source,
      sourceSha256,
      sourceFileType: p.sourceFileType,
      type: job.type,
      options: { threads: p.threads, imatrixPath: p.imatrix, requantized },
      durationMs,
      sizeBytes: out.size,
      createdAt: Date.now(),
    });
    this.deps.onFileReady(job.outputPath, null);
  }

  private async fail(live: Live, code: QuantizeErrorCode, detail: string): Promise<void> {
    await rm(live.temp, { force: true });
    this.finish(live, 'failed', { code, detail: detail.slice(0, 500) });
  }

  private finish(live: Live, state: QuantizeJob['state'], error: QuantizeJob['error']): void {
    const done = state === 'done' ? live.job.tensorsTotal : live.job.tensorsDone;
    live.job = { ...live.job, state, error, tensorsDone: done, finishedAt: Date.now() };
    this.emitNow();
  }

  private emitSoon(): void {
    this.emitTimer ??= setTimeout(() => this.emitNow(), EMIT_MS);
  }

  private emitNow(): void {
    if (this.emitTimer) clearTimeout(this.emitTimer);
    this.emitTimer = null;
    this.didChange.fire(this.list());
  }
}

async function flush(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
