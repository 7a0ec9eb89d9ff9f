import { randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import {
  QualityRequestSchema,
  type FamilyPoint,
  type QualityEvent,
  type QualityFamily,
  type QualityRequestInput,
  type QualityResult,
} from '../../../shared/contract';
import { appError } from '../../base/appError';
import { AsyncQueue } from '../../base/asyncQueue';
import type { EngineSupervisor } from '../../engineProcess/engineSupervisor';
import { sha256File } from '../downloads/verifyFile';
import type { EngineService } from '../engine/engineService';
import type { FileHashCache } from '../library/fileHashCache';
import type { HeaderCache } from '../library/headerCache';
import type { QuantizeService } from '../quantize/quantizeService';
import type { QualityStore } from './qualityStore';
import { QUALITY_SAMPLES } from './samples';

export interface QualityServiceDeps {
  store: QualityStore;
  engine: EngineSupervisor;
  engineService: EngineService;
  quantize: QuantizeService;
  cache: HeaderCache;
  hashes: FileHashCache;
}

/**
 * What a quantization costs: perplexity and KL divergence against the file it came from (or one
 * the user picks), over a built-in text or the user's own, measured in an engine process and
 * saved; and the chart data for every quantization made from one source.
 */
export class QualityService {
  private readonly store: QualityStore;

  constructor(private readonly deps: QualityServiceDeps) {
    this.store = deps.store;
  }

  async *measure(input: QualityRequestInput, signal?: AbortSignal): AsyncGenerator<QualityEvent> {
    const req = QualityRequestSchema.parse(input);
    const path = await this.deps.engineService.checkFile(req.path);
    const referenceInput = req.referencePath ?? this.deps.quantize.lineageOf(path)?.sourcePath ?? null;
    if (!referenceInput) throw appError('QUALITY_NO_REFERENCE', { path: req.path });
    const referencePath = await this.deps.engineService.checkFile(referenceInput);
    const text = req.sample === 'custom' ? req.text.trim() : QUALITY_SAMPLES[req.sample];
    if (text.length < 8) throw appError('INVALID_INPUT', { issues: [{ path: 'text', message: 'Paste a text of a few sentences.' }] });

    const events = new AsyncQueue<QualityEvent>();
    const threads = await this.deps.engine.defaultThreads();
    const measuring = this.deps.engine
      .measureQuality(
        { referencePath, path, text, maxTokens: req.maxTokens, threads },
        (phase, done, total) => events.push({ type: 'progress', phase, done, total }),
        signal,
      )
      .then(
        async (outcome) => {
          const s = await stat(path);
          const result: QualityResult = {
            id: randomUUID(),
            path,
            referencePath,
            sample: req.sample,
            ...outcome,
            sizeBytes: s.size,
            fileType: this.deps.cache.get(path, s.size, s.mtimeMs)?.facts?.fileType ?? 'unknown',
            measuredAt: Date.now(),
          };
          this.store.save(result);
          events.push({ type: 'done', result });
          events.end();
        },
        (error: unknown) => events.fail(error),
      );
    yield* events;
    await measuring;
  }

  async results(path: string): Promise<QualityResult[]> {
    return this.store.forPath(await this.deps.engineService.checkFile(path));
  }

  /** The source of this file (or the file itself) and every quantization made from it that still exists. */
  async family(path: string): Promise<QualityFamily> {
    const real = await this.deps.engineService.checkFile(path);
    const lineage = this.deps.quantize.lineageOf(real);
    const sourcePath = lineage?.sourcePath ?? real;
    const sourceSha256 = lineage?.sourceSha256 ?? (await this.hashOf(real));
    const points: FamilyPoint[] = [];
    const source = await stat(sourcePath).catch(() => null);
    if (source) {
      const fileType = this.deps.cache.get(sourcePath, source.size, source.mtimeMs)?.facts?.fileType ?? lineage?.sourceFileType ?? 'unknown';
      points.push({ ...this.latest(sourcePath, sourcePath), path: sourcePath, fileType, sizeBytes: source.size, isSource: true });
    }
    for (const l of this.deps.quantize.lineageFromSource(sourceSha256)) {
      const s = await stat(l.path).catch(() => null);
      if (!s) continue;
      points.push({ ...this.latest(l.path, sourcePath), path: l.path, fileType: l.type, sizeBytes: s.size, isSource: false });
    }
    return { sourcePath, points };
  }

  private latest(path: string, referencePath: string): Pick<FamilyPoint, 'klDivergence' | 'perplexity' | 'tokensPerSecond'> {
    if (path === referencePath) {
      // The source against itself is exact by definition; its speed comes from any measurement of it.
      const own = this.store.forPath(path)[0];
      return { klDivergence: 0, perplexity: own?.referencePerplexity ?? null, tokensPerSecond: own?.tokensPerSecond ?? null };
    }
    const r = this.store.forPath(path).find((x) => x.referencePath === referencePath);
    return { klDivergence: r?.klDivergence ?? null, perplexity: r?.perplexity ?? null, tokensPerSecond: r?.tokensPerSecond ?? null };
  }

  private async hashOf(path: string): Promise<string> {
    const s = await stat(path);
    return this.deps.hashes.get(path, s.size, s.mtimeMs) ?? (await sha256File(path));
  }
}
