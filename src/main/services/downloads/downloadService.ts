import { ORPCError } from '@orpc/server';
import { randomUUID } from 'node:crypto';
import { mkdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Download, DownloadErrorCode } from '../../../shared/contract';
import { delayFor, sleep } from '../../../shared/backoff';
import { appError } from '../../base/appError';
import { Emitter } from '../../base/emitter';
import { exists, freeBytes, sizeOf } from '../../base/files';
import type { HeaderReaderPool } from '../library/headerReaderPool';
import { PARTIAL_FOLDER } from '../library/partialDownloads';
import { splitOf, splitPartPaths } from '../hub/hubFiles';
import type { HubService } from '../hub/hubService';
import { assertInsideReal, destinationFor } from '../hub/safePath';
import type { DownloadStore, DownloadRecord } from './downloadStore';
import { ProgressMeter } from './progressMeter';
import { toDownload, type Live } from './downloadView';
import { openPartFile, TransferError, transferOnce, type OpenPart } from './transfer';
import { sha256File } from './verifyFile';

export interface RetryPolicy {
  /** First wait; doubles per failed attempt. */
  baseMs: number;
  /** Attempts in a row without progress before the download fails. */
  maxAttempts: number;
  stallMs: number;
}

export interface DownloadServiceDeps {
  store: DownloadStore;
  hub: HubService;
  reader: HeaderReaderPool;
  /** Downloads land in `<modelsDir>/<publisher>/<repo>/`; partial files in its `.caliper-partial/`. */
  modelsDir: string;
  /** Files that failed verification go here, outside every model folder. */
  quarantineDir: string;
  /** A finished, verified file: its hash need not be computed again. */
  onFileReady?: (path: string, sha256: string | null) => void;
  retry?: Partial<RetryPolicy>;
  maxConcurrent?: number;
  openPart?: OpenPart;
  freeBytes?: (dir: string) => Promise<number>;
}

/** Kept free beyond the download itself, so the disk is not filled to the last byte. */
const SPACE_MARGIN = 64 << 20;
const ACTIVE = new Set(['queued', 'downloading', 'verifying', 'retrying']);


/**
 * The download queue: resumable, retried with backoff, verified against the Hub's size and
 * sha256, and moved into the library only when whole. A partial file lives in a hidden folder
 * with a `.part` name and is never listed; a file that fails verification is quarantined.
 */
export class DownloadService {
  private readonly store: DownloadStore;
  private readonly records = new Map<string, DownloadRecord>();
  private readonly live = new Map<string, Live>();
  private readonly didChange = new Emitter<Download[]>();
  readonly onDidChange = this.didChange.event;
  private readonly retry: RetryPolicy;
  private readonly maxConcurrent: number;
  private readonly openPart: OpenPart;
  private readonly freeBytes: (dir: string) => Promise<number>;
  private emitTimer: NodeJS.Timeout | null = null;
  private disposed = false;

  constructor(private readonly deps: DownloadServiceDeps) {
    this.store = deps.store;
    this.retry = { baseMs: 1000, maxAttempts: 6, stallMs: 30_000, ...deps.retry };
    this.maxConcurrent = deps.maxConcurrent ?? 2;
    this.openPart = deps.openPart ?? openPartFile;
    this.freeBytes = deps.freeBytes ?? freeBytes;
  }

  /** Loads the queue after a restart: what was running is queued again and resumes from disk. */
  async restore(): Promise<void> {
    for (const record of this.store.all()) {
      if (ACTIVE.has(record.state)) record.state = 'queued';
      this.records.set(record.id, record);
      this.live.set(record.id, await this.measure(record));
    }
    this.pump();
  }

  list(): Download[] {
    return [...this.records.values()].map((r) => this.view(r));
  }

  async start(repoId: string, path: string): Promise<Download> {
    const info = await this.deps.hub.info(repoId);
    const revision = info.sha ?? 'main';
    const listing = await this.deps.hub.files(repoId, revision);
    const split = splitOf(path);
    const wanted = split ? splitPartPaths(split.prefix, split.total) : [path];
    const files = wanted.map((p) => listing.find((f) => f.path === p));
    if (files.some((f) => !f)) throw appError('HUB_NOT_FOUND', { repoId, path });
    const destinations = wanted.map((p) => destinationFor(this.deps.modelsDir, repoId, p));
    for (const destination of destinations) {
      await assertInsideReal(this.deps.modelsDir, destination);
      if (await exists(destination)) throw appError('DOWNLOAD_EXISTS', { path: destination });
    }
    const primary = destinations[0]!;
    const busy = [...this.records.values()].find((r) => r.destination === primary && (ACTIVE.has(r.state) || r.state === 'paused'));
    if (busy) throw appError('DOWNLOAD_EXISTS', { path: primary });
    const total = files.reduce((sum, f) => sum + f!.sizeBytes, 0);
    await this.checkSpace(total);

    const record: DownloadRecord = {
      id: randomUUID(),
      repoId,
      revision,
      primaryPath: path,
      files: files.map((f) => ({ path: f!.path, sizeBytes: f!.sizeBytes, sha256: f!.sha256, etag: null, done: false })),
      state: 'queued',
      error: null,
      destination: primary,
      quarantinedPath: null,
      createdAt: Date.now(),
      finishedAt: null,
    };
    this.store.save(record);
    this.records.set(record.id, record);
    this.live.set(record.id, { received: record.files.map(() => 0), meter: new ProgressMeter(), abort: null, attempts: 0, retryAt: null });
    this.pump();
    return this.view(record);
  }

  pause(id: string): void {
    const record = this.get(id);
    if (!ACTIVE.has(record.state)) return;
    this.live.get(id)?.abort?.abort();
    this.setState(record, 'paused');
  }

  async resume(id: string): Promise<void> {
    const record = this.get(id);
    if (record.state !== 'paused' && record.state !== 'failed') return;
    const remaining = record.files.reduce((sum, f, i) => sum + (f.done ? 0 : f.sizeBytes - (this.live.get(id)?.received[i] ?? 0)), 0);
    await this.checkSpace(remaining);
    record.error = null;
    record.quarantinedPath = null;
    const live = this.live.get(id);
    if (live) live.attempts = 0;
    this.setState(record, 'queued');
    this.pump();
  }

  async cancel(id: string): Promise<void> {
    const record = this.get(id);
    if (record.state === 'done') return;
    this.live.get(id)?.abort?.abort();
    this.setState(record, 'cancelled');
    await rm(this.partDir(id), { recursive: true, force: true });
  }

  async remove(id: string): Promise<void> {
    const record = this.get(id);
    if (ACTIVE.has(record.state) || record.state === 'paused') await this.cancel(id);
    this.records.delete(id);
    this.live.delete(id);
    this.store.delete(id);
    await rm(this.partDir(id), { recursive: true, force: true });
    this.emitNow();
  }

  dispose(): void {
    this.disposed = true;
    for (const live of this.live.values()) live.abort?.abort();
    if (this.emitTimer) clearTimeout(this.emitTimer);
  }

  private get(id: string): DownloadRecord {
    const record = this.records.get(id);
    if (!record) throw appError('DOWNLOAD_NOT_FOUND', { id });
    return record;
  }

  private pump(): void {
    if (this.disposed) return;
    const running = [...this.records.values()].filter((r) => this.live.get(r.id)?.abort).length;
    const next = [...this.records.values()].filter((r) => r.state === 'queued' && !this.live.get(r.id)?.abort);
    for (const record of next.slice(0, Math.max(0, this.maxConcurrent - running))) void this.run(record);
  }

  private async run(record: DownloadRecord): Promise<void> {
    const live = this.live.get(record.id)!;
    const abort = new AbortController();
    live.abort = abort;
    try {
      await mkdir(this.partDir(record.id), { recursive: true });
      for (let i = 0; i < record.files.length; i++) {
        if (!record.files[i]!.done) await this.fetchFile(record, i, abort.signal);
        if (abort.signal.aborted) return;
      }
      await this.finish(record);
    } catch (error) {
      if (abort.signal.aborted) return;
      const failure =
        error instanceof TransferError
          ? error
          : error instanceof ORPCError && error.code === 'BAD_HUB_PATH'
            ? new TransferError('fatal', 'BAD_PATH', String((error.data as { reason: string }).reason))
            : new TransferError('fatal', 'WRITE_FAILED', String((error as Error).message));
      this.fail(record, failure.code, failure.message);
    } finally {
      live.abort = null;
      live.meter.reset();
      this.pump();
    }
  }

  /** Attempts until the file is complete and verified; backoff doubles while no byte arrives. */
  private async fetchFile(record: DownloadRecord, index: number, signal: AbortSignal): Promise<void> {
    const live = this.live.get(record.id)!;
    const file = record.files[index]!;
    const partPath = this.partPath(record.id, index);
    for (;;) {
      this.setState(record, 'downloading');
      const before = live.received[index]!;
      try {
        await transferOnce({
          client: this.deps.hub.client,
          url: this.deps.hub.client.resolveUrl(record.repoId, record.revision, file.path),
          repoId: record.repoId,
          file,
          partPath,
          openPart: this.openPart,
          signal,
          stallMs: this.retry.stallMs,
          onBytes: (n) => {
            live.received[index]! += n;
            live.meter.add(n);
            this.emitSoon();
          },
          onEtag: (etag, restarted) => {
            if (restarted) live.received[index] = 0;
            file.etag = etag;
          },
        });
        break;
      } catch (error) {
        if (signal.aborted) return;
        if (!(error instanceof TransferError) || error.kind === 'fatal') throw error;
        live.received[index] = await sizeOf(partPath);
        live.attempts = live.received[index]! > before ? 1 : live.attempts + 1;
        if (live.attempts >= this.retry.maxAttempts) throw error;
        const wait = delayFor(live.attempts - 1, { baseMs: this.retry.baseMs });
        live.retryAt = Date.now() + wait;
        record.error = { code: error.code, detail: error.message };
        this.setState(record, 'retrying');
        await sleep(wait, signal);
        live.retryAt = null;
        record.error = null;
        if (signal.aborted) return;
      }
    }
    live.received[index] = await sizeOf(partPath);
    live.attempts = 0;
    await this.verify(record, index, signal);
  }

  private async verify(record: DownloadRecord, index: number, signal: AbortSignal): Promise<void> {
    const file = record.files[index]!;
    const partPath = this.partPath(record.id, index);
    this.setState(record, 'verifying');
    const size = await sizeOf(partPath);
    if (size !== file.sizeBytes) await this.quarantine(record, index, 'SIZE_MISMATCH', `${size} bytes, the Hub lists ${file.sizeBytes}`);
    if (file.sha256) {
      const actual = await sha256File(partPath, signal);
      if (actual !== file.sha256) await this.quarantine(record, index, 'HASH_MISMATCH', `expected ${file.sha256}, got ${actual}`);
    }
    if (index === 0) {
      const header = await this.deps.reader.read(partPath);
      if (header.problem) await this.quarantine(record, index, 'NOT_A_GGUF', `${header.problem.code}: ${header.problem.detail}`);
    }
    file.done = true;
    this.store.save(record);
  }

  private async quarantine(record: DownloadRecord, index: number, code: DownloadErrorCode, detail: string): Promise<never> {
    await mkdir(this.deps.quarantineDir, { recursive: true });
    const target = join(this.deps.quarantineDir, `${record.id}-${index}-${basename(record.files[index]!.path)}`);
    await rename(this.partPath(record.id, index), target);
    record.quarantinedPath = target;
    this.live.get(record.id)!.received[index] = 0;
    throw new TransferError('fatal', code, detail);
  }

  /** Moves every verified part into place, the first part last, so the library sees a whole model. */
  private async finish(record: DownloadRecord): Promise<void> {
    const order = record.files.map((_, i) => i).reverse();
    for (const i of order) {
      const destination = destinationFor(this.deps.modelsDir, record.repoId, record.files[i]!.path);
      await assertInsideReal(this.deps.modelsDir, destination);
      await mkdir(dirname(destination), { recursive: true });
      if (await exists(destination)) throw new TransferError('fatal', 'EXISTS', destination);
      await rename(this.partPath(record.id, i), destination);
      this.deps.onFileReady?.(destination, record.files[i]!.sha256);
    }
    await rm(this.partDir(record.id), { recursive: true, force: true });
    record.finishedAt = Date.now();
    this.setState(record, 'done');
  }

  private fail(record: DownloadRecord, code: DownloadErrorCode, detail: string): void {
    record.error = { code, detail: detail.slice(0, 500) };
    record.finishedAt = Date.now();
    this.setState(record, 'failed');
  }

  private setState(record: DownloadRecord, state: DownloadRecord['state']): void {
    record.state = state;
    this.store.save(record);
    this.emitNow();
  }

  private async checkSpace(needed: number): Promise<void> {
    const available = await this.freeBytes(this.deps.modelsDir);
    if (available < needed + SPACE_MARGIN) {
      throw appError('NOT_ENOUGH_SPACE', { neededBytes: needed + SPACE_MARGIN, availableBytes: available, folder: this.deps.modelsDir });
    }
  }

  private async measure(record: DownloadRecord): Promise<Live> {
    const received = await Promise.all(record.files.map((f, i) => (f.done ? f.sizeBytes : sizeOf(this.partPath(record.id, i)))));
    return { received, meter: new ProgressMeter(), abort: null, attempts: 0, retryAt: null };
  }

  private partDir(id: string): string {
    return join(this.deps.modelsDir, PARTIAL_FOLDER, id);
  }

  private partPath(id: string, index: number): string {
    return join(this.partDir(id), `${index}.part`);
  }

  private view(r: DownloadRecord): Download {
    return toDownload(r, this.live.get(r.id));
  }

  /** Progress is coalesced to four updates a second; state changes go out at once. */
  private emitSoon(): void {
    if (this.emitTimer) return;
    this.emitTimer = setTimeout(() => this.emitNow(), 250);
  }

  private emitNow(): void {
    if (this.emitTimer) clearTimeout(this.emitTimer);
    this.emitTimer = null;
    this.didChange.fire(this.list());
  }
}

