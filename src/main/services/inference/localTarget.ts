import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import type { GenerationStats, ModelRef, Sampling } from '../../../shared/contract';
import type { EngineSupervisor } from '../../engineProcess/engineSupervisor';
import type { ChatTurn } from '../../engineProcess/protocol';
import type { AnswerTarget, ChunkListener } from './answerTarget';

/** An instance of Caliper's own engine: one process holding one loaded file. */
export class LocalTarget implements AnswerTarget {
  readonly ref: ModelRef;

  constructor(
    readonly instanceId: string,
    private readonly engine: EngineSupervisor,
    private readonly quantization: (path: string) => string | null,
  ) {
    const model = engine.instance(instanceId);
    if (!model) throw new Error(`no engine instance ${instanceId}`);
    this.ref = { kind: 'local', path: model.path };
  }

  async answer(history: ChatTurn[], sampling: Sampling, onChunk: ChunkListener, signal?: AbortSignal): Promise<GenerationStats> {
    const result = await this.engine.generate(this.instanceId, history, sampling, onChunk, signal);
    const model = this.engine.instance(this.instanceId);
    return {
      ...result.stats,
      model: this.ref,
      quantization: this.quantization(this.path),
      gpuLayers: model?.gpuLayers ?? null,
      contextSize: model?.contextSize ?? null,
      threads: model?.threads ?? null,
      remote: null,
    };
  }

  async peakMemory(): Promise<number | null> {
    return (await this.engine.measure(this.instanceId))?.peakRssBytes ?? null;
  }

  /** The file by name and size (a copied file is the same model) and the load settings as the engine resolved them. */
  identity(): Record<string, unknown> {
    let size: number | null = null;
    try {
      size = statSync(this.path).size;
    } catch {
      // The file went away; its name still identifies what ran.
    }
    const model = this.engine.instance(this.instanceId);
    return {
      file: { name: basename(this.path), size },
      load: model ? { requested: model.settings, gpuLayers: model.gpuLayers, contextSize: model.contextSize, threads: model.threads } : null,
    };
  }

  async ready(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const state = this.engine.instance(this.instanceId)?.state;
      if (state === 'loaded') return true;
      if (!state || state === 'failed' || Date.now() > deadline) return false;
      await delay(100);
    }
  }

  private get path(): string {
    return (this.ref as Extract<ModelRef, { kind: 'local' }>).path;
  }
}
