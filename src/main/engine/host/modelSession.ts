import {
  LlamaChat,
  resolveChatWrapper,
  type ChatHistoryItem,
  type Llama,
  type LlamaContext,
  type LlamaContextSequence,
  type LlamaModel,
} from 'node-llama-cpp';
import { performance } from 'node:perf_hooks';
import type { StopReason } from '../../../shared/contract';
import type { ChatTurn, EngineRequest, EngineResponse, GenerationResult, LoadedInfo } from '../protocol';
import { estimateMemory, ggmlKvType } from './estimate';

type LoadRequest = Extract<EngineRequest, { type: 'load' }>;
type GenerateRequest = Extract<EngineRequest, { type: 'generate' }>;
type LoadError = Omit<Extract<EngineResponse, { type: 'error' }>, 'id'>;


/** One loaded model with its context, chat wrapper (resolved once) and one sequence. */
export class ModelSession {
  private readonly generations = new Map<string, AbortController>();
  /** One sequence: answers for this model run one after another. */
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly model: LlamaModel,
    private readonly context: LlamaContext,
    private readonly sequence: LlamaContextSequence,
    private readonly chat: LlamaChat,
    readonly info: LoadedInfo,
  ) {}

  static async load(
    llama: Llama,
    req: LoadRequest,
    onProgress: (p: number) => void,
  ): Promise<{ session: ModelSession } | { error: LoadError }> {
    let estimate;
    try {
      estimate = await estimateMemory(llama, req.path, req.settings);
    } catch (error) {
      return { error: { type: 'error', code: 'MODEL_LOAD_FAILED', detail: message(error) } };
    }
    if (!estimate.estimate.fits) {
      return {
        error: {
          type: 'error',
          code: 'MODEL_WONT_FIT',
          detail: 'not enough memory',
          data: {
            pool: estimate.pool,
            neededBytes: estimate.pool === 'ram' ? estimate.estimate.ramBytes : estimate.estimate.vramBytes,
            availableBytes: estimate.pool === 'ram' ? estimate.estimate.availableRamBytes : estimate.estimate.availableVramBytes,
            suggestedContextSize: estimate.suggestedContextSize,
            suggestedGpuLayers: estimate.suggestedGpuLayers,
          },
        },
      };
    }
    const { gpuLayers, contextSize } = estimate.estimate;
    try {
      const model = await llama.loadModel({
        modelPath: req.path,
        gpuLayers,
        onLoadProgress: onProgress,
        defaultContextFlashAttention: req.settings.flashAttention,
      });
      const context = await model.createContext({
        contextSize,
        threads: req.threads,
        batchSize: req.settings.batchSize ?? undefined,
        flashAttention: req.settings.flashAttention,
        experimentalKvCacheKeyType: ggmlKvType[req.settings.kvCacheType],
        experimentalKvCacheValueType: ggmlKvType[req.settings.kvCacheType],
        // Adapters apply per context; the supervisor checked them against this model first.
        lora: req.settings.lora?.length
          ? { adapters: req.settings.lora.map((a) => ({ filePath: a.path, scale: a.scale })) }
          : undefined,
      });
      const sequence = context.getSequence();
      // 'auto' costs 0.3–0.6 s per resolution: once per model, here.
      const chat = new LlamaChat({ contextSequence: sequence, chatWrapper: resolveChatWrapper(model) });
      const info: LoadedInfo = {
        gpuLayers: model.gpuLayers,
        totalLayers: estimate.insights.totalLayers,
        contextSize: context.contextSize,
        threads: req.threads,
        estimate: estimate.estimate,
      };
      return { session: new ModelSession(model, context, sequence, chat, info) };
    } catch (error) {
      return { error: { type: 'error', code: 'MODEL_LOAD_FAILED', detail: message(error) } };
    }
  }

  generate(req: GenerateRequest, onChunk: (text: string, segment: 'text' | 'thought') => void): Promise<GenerationResult> {
    const controller = new AbortController();
    this.generations.set(req.generationId, controller);
    const run = this.queue.then(() => this.run(req, controller.signal, onChunk));
    this.queue = run.catch(() => undefined);
    return run.finally(() => this.generations.delete(req.generationId));
  }

  cancel(generationId: string): void {
    this.generations.get(generationId)?.abort();
  }

  private async run(
    req: GenerateRequest,
    signal: AbortSignal,
    onChunk: (text: string, segment: 'text' | 'thought') => void,
  ): Promise<GenerationResult> {
    const history = toChatHistory(req.history);
    const meterBefore = this.sequence.tokenMeter.getState();
    const start = performance.now();
    let firstTokenAt: number | null = null;
    const s = req.sampling;
    let stopReason: StopReason = 'eos';
    try {
      const result = await this.chat.generateResponse(history, {
        signal,
        stopOnAbortSignal: true,
        maxTokens: s.maxTokens,
        temperature: s.temperature,
        topK: s.topK,
        topP: s.topP,
        minP: s.minP,
        seed: s.seed ?? undefined,
        repeatPenalty: s.repeatPenalty > 1 ? { penalty: s.repeatPenalty } : false,
        onResponseChunk: (chunk) => {
          if (!chunk.text) return;
          firstTokenAt ??= performance.now();
          onChunk(chunk.text, chunk.type === 'segment' && chunk.segmentType === 'thought' ? 'thought' : 'text');
        },
      });
      const reason = result.metadata.stopReason;
      stopReason = reason === 'maxTokens' ? 'maxTokens' : reason === 'abort' || signal.aborted ? 'stopped' : 'eos';
    } catch (error) {
      if (!signal.aborted) throw error;
      stopReason = 'stopped';
    }
    const end = performance.now();
    const used = this.sequence.tokenMeter.diff(meterBefore);
    const ttftMs = firstTokenAt === null ? null : firstTokenAt - start;
    const genSeconds = firstTokenAt === null ? 0 : (end - firstTokenAt) / 1000;
    return {
      stats: {
        ttftMs,
        promptTokens: used.usedInputTokens,
        promptTokensPerSecond: ttftMs && used.usedInputTokens > 0 ? used.usedInputTokens / (ttftMs / 1000) : null,
        generatedTokens: used.usedOutputTokens,
        // The first token's time belongs to the prompt; the rate counts the ones after it.
        generationTokensPerSecond: genSeconds > 0 && used.usedOutputTokens > 1 ? (used.usedOutputTokens - 1) / genSeconds : null,
        durationMs: end - start,
        stopReason,
      },
    };
  }
}

function toChatHistory(turns: ChatTurn[]): ChatHistoryItem[] {
  const history: ChatHistoryItem[] = turns.map((t) =>
    t.role === 'system'
      ? { type: 'system', text: t.text }
      : t.role === 'user'
        ? { type: 'user', text: t.text }
        : { type: 'model', response: [t.text] },
  );
  // LlamaChat writes into the last model turn: an empty one for a new answer, a partial one to continue.
  if (history.at(-1)?.type !== 'model') history.push({ type: 'model', response: [] });
  return history;
}

function message(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 500);
}
