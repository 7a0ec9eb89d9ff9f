import {
  LlamaChat,
  LlamaCompletion,
  resolveChatWrapper,
  type ChatHistoryItem,
  type GbnfJsonSchema,
  type Llama,
  type LlamaChatResponseChunk,
  type LlamaContext,
  type LlamaContextSequence,
  type LlamaEmbeddingContext,
  type LlamaGrammar,
  type LlamaModel,
} from 'node-llama-cpp';
import { performance } from 'node:perf_hooks';
import type { Sampling, StopReason } from '../../../shared/contract';
import type {
  ChatTurn,
  EngineRequest,
  EngineResponse,
  GenerateOptions,
  GenerationResult,
  LoadedInfo,
  ToolCallResult,
  ToolSpec,
} from '../protocol';
import { estimateMemory, flashAttentionFor, ggmlKvType } from './estimate';
import { ForcedCallStream, forcedCallSchema } from './forcedToolCall';
import { generatePlainAnswer, planPlainAnswer } from './plainAnswer';

type LoadRequest = Extract<EngineRequest, { type: 'load' }>;
type GenerateRequest = Extract<EngineRequest, { type: 'generate' }>;
type CompleteRequest = Extract<EngineRequest, { type: 'complete' }>;
type LoadError = Omit<Extract<EngineResponse, { type: 'error' }>, 'id'>;

/**
 * One loaded model with its context, chat wrapper (resolved once) and one sequence; an embedding
 * context and raw-completion helper are made on first use.
 */
export class ModelSession {
  private readonly generations = new Map<string, AbortController>();
  /** One sequence: answers for this model run one after another. */
  private queue: Promise<unknown> = Promise.resolve();
  private completion: LlamaCompletion | null = null;
  private embedding: Promise<LlamaEmbeddingContext> | null = null;
  private readonly grammars = new Map<string, Promise<LlamaGrammar>>();

  private constructor(
    private readonly llama: Llama,
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
    const flashAttention = flashAttentionFor(req.settings, gpuLayers);
    try {
      const model = await llama.loadModel({
        modelPath: req.path,
        gpuLayers,
        onLoadProgress: onProgress,
        defaultContextFlashAttention: flashAttention,
      });
      const context = await model.createContext({
        contextSize,
        threads: req.threads,
        batchSize: req.settings.batchSize ?? undefined,
        flashAttention,
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
      return { session: new ModelSession(llama, model, context, sequence, chat, info) };
    } catch (error) {
      return { error: { type: 'error', code: 'MODEL_LOAD_FAILED', detail: message(error) } };
    }
  }

  /** Chat answers, raw completions and embeddings share one sequence: they run one after another. */
  private enqueue<T>(job: () => Promise<T>): Promise<T> {
    const run = this.queue.then(job);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private track<T>(generationId: string, job: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    this.generations.set(generationId, controller);
    return this.enqueue(() => job(controller.signal)).finally(() => this.generations.delete(generationId));
  }

  generate(
    req: GenerateRequest,
    onChunk: (text: string, segment: 'text' | 'thought') => void,
    onToolCall: ToolCallSink = () => undefined,
  ): Promise<GenerationResult> {
    return this.track(req.generationId, (signal) => this.runChat(req, signal, onChunk, onToolCall));
  }

  complete(req: CompleteRequest, onChunk: (text: string) => void): Promise<GenerationResult> {
    return this.track(req.generationId, (signal) => this.runCompletion(req, signal, onChunk));
  }

  /** One vector per input; an input longer than the embedding context is a BAD_REQUEST. */
  embed(inputs: string[]): Promise<{ vectors: Float32Array[]; tokenCounts: number[] }> {
    return this.enqueue(async () => {
      const contextSize = Math.min(this.info.contextSize, EMBEDDING_CONTEXT_MAX);
      this.embedding ??= this.model.createEmbeddingContext({ contextSize, threads: this.info.threads });
      const context = await this.embedding;
      const vectors: Float32Array[] = [];
      const tokenCounts: number[] = [];
      for (const [i, input] of inputs.entries()) {
        const tokens = this.model.tokenize(input);
        if (tokens.length > contextSize) {
          throw new EngineBadRequest(`input ${i} has ${tokens.length} tokens; this model embeds at most ${contextSize}`);
        }
        if (tokens.length === 0) throw new EngineBadRequest(`input ${i} is empty`);
        vectors.push(Float32Array.from((await context.getEmbeddingFor(tokens)).vector));
        tokenCounts.push(tokens.length);
      }
      return { vectors, tokenCounts };
    });
  }

  cancel(generationId: string): void {
    this.generations.get(generationId)?.abort();
  }

  private async runChat(
    req: GenerateRequest,
    signal: AbortSignal,
    onChunk: (text: string, segment: 'text' | 'thought') => void,
    onToolCall: ToolCallSink,
  ): Promise<GenerationResult> {
    const options = req.options ?? {};
    const tools = options.toolChoice !== undefined && options.tools?.length ? options.tools : [];
    const forced = tools.length > 0 && options.toolChoice !== 'auto' ? forcedCallSchema(tools, options.toolChoice!) : null;
    const history = toChatHistory(forced ? withToolInstructions(req.history, tools, forced.name) : req.history);
    const forcedStream = forced ? new ForcedCallStream(forced.name, (name, delta) => onToolCall(0, name, delta)) : null;
    const autoCalls = new Map<number, string>();
    const grammar = forced ? await this.grammarFor({ type: 'schema', schema: forced.schema }) : await this.grammarFor(options.responseFormat);
    const functions =
      !forced && tools.length > 0
        ? Object.fromEntries(tools.map((t) => [t.name, { description: t.description, params: t.parameters as GbnfJsonSchema | undefined }]))
        : undefined;

    const sampling = samplingOptions(req.sampling, options);
    const plain = !functions && !grammar ? planPlainAnswer(this.model, this.chat.chatWrapper, history, this.context.contextSize, sampling) : null;
    if (plain) {
      return this.measure(signal, (onFirstToken) =>
        generatePlainAnswer(this.sequence, plain, sampling, signal, (text) => {
          onFirstToken();
          onChunk(text, 'text');
        }),
      );
    }

    return this.measure(signal, async (onFirstToken) => {
      const common = {
        signal,
        stopOnAbortSignal: true,
        ...sampling,
        onResponseChunk: (chunk: LlamaChatResponseChunk) => {
          if (!chunk.text) return;
          onFirstToken();
          if (forcedStream) forcedStream.push(chunk.text);
          else onChunk(chunk.text, chunk.type === 'segment' && chunk.segmentType === 'thought' ? 'thought' : 'text');
        },
      };
      const result = functions
        ? await this.chat.generateResponse(history, {
            ...common,
            functions,
            documentFunctionParams: true,
            maxParallelFunctionCalls: options.parallelToolCalls === false ? 1 : undefined,
            onFunctionCallParamsChunk: (chunk) => {
              onFirstToken();
              const known = autoCalls.has(chunk.callIndex);
              autoCalls.set(chunk.callIndex, (autoCalls.get(chunk.callIndex) ?? '') + chunk.paramsChunk);
              onToolCall(chunk.callIndex, known ? null : chunk.functionName, chunk.paramsChunk);
            },
          })
        : await this.chat.generateResponse(history, { ...common, grammar });
      let toolCalls: ToolCallResult[] | undefined;
      if (forcedStream) {
        const call = forcedStream.finish();
        toolCalls = call ? [call] : undefined;
      } else if (result.functionCalls?.length) {
        toolCalls = result.functionCalls.map((call, i) => ({
          name: call.functionName,
          arguments: autoCalls.get(i) ?? JSON.stringify(call.params ?? {}),
        }));
      }
      return { stopReason: result.metadata.stopReason, toolCalls };
    });
  }

  private async runCompletion(req: CompleteRequest, signal: AbortSignal, onChunk: (text: string) => void): Promise<GenerationResult> {
    this.completion ??= new LlamaCompletion({ contextSequence: this.sequence });
    const completion = this.completion;
    const grammar = await this.grammarFor(req.options?.responseFormat);
    return this.measure(signal, async (onFirstToken) => {
      const result = await completion.generateCompletionWithMeta(req.prompt, {
        signal,
        stopOnAbortSignal: true,
        ...samplingOptions(req.sampling, req.options ?? {}),
        grammar,
        onTextChunk: (text) => {
          if (!text) return;
          onFirstToken();
          onChunk(text);
        },
      });
      return { stopReason: result.metadata.stopReason };
    });
  }

  /**
   * Times one generation: time to first token, prompt and generation rates from the sequence's
   * token meter, and the stop reason in Caliper's words.
   */
  private async measure(
    signal: AbortSignal,
    run: (onFirstToken: () => void) => Promise<{ stopReason: string; toolCalls?: ToolCallResult[] }>,
  ): Promise<GenerationResult> {
    const meterBefore = this.sequence.tokenMeter.getState();
    const start = performance.now();
    let firstTokenAt: number | null = null;
    let stopReason: StopReason = 'eos';
    let toolCalls: ToolCallResult[] | undefined;
    try {
      const outcome = await run(() => (firstTokenAt ??= performance.now()));
      toolCalls = outcome.toolCalls;
      stopReason = outcome.stopReason === 'maxTokens' ? 'maxTokens' : outcome.stopReason === 'abort' || signal.aborted ? 'stopped' : 'eos';
    } catch (error) {
      if (!signal.aborted) throw error;
      stopReason = 'stopped';
    }
    const end = performance.now();
    const used = this.sequence.tokenMeter.diff(meterBefore);
    const promptTokensTotal = Math.max(used.usedInputTokens, this.sequence.contextTokens.length - used.usedOutputTokens);
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
      ...(toolCalls ? { toolCalls } : {}),
      promptTokensTotal,
    };
  }

  /** Grammars are compiled once per schema and kept (a few, most recent first). */
  private async grammarFor(format: GenerateOptions['responseFormat']): Promise<LlamaGrammar | undefined> {
    if (!format) return undefined;
    const key = format.type === 'json' ? 'json' : JSON.stringify(format.schema);
    let grammar = this.grammars.get(key);
    if (!grammar) {
      grammar = (
        format.type === 'json'
          ? this.llama.getGrammarFor('json')
          : this.llama.createGrammarForJsonSchema(format.schema as Readonly<GbnfJsonSchema> as never)
      ).catch((error: unknown) => {
        this.grammars.delete(key);
        throw new EngineBadRequest(`the JSON schema cannot be used: ${message(error)}`);
      });
      this.grammars.set(key, grammar);
      if (this.grammars.size > MAX_GRAMMARS) this.grammars.delete(this.grammars.keys().next().value!);
    }
    return grammar;
  }
}

/** A request the engine cannot serve as asked (an input too long, an unusable schema). */
export class EngineBadRequest extends Error {}

type ToolCallSink = (index: number, name: string | null, argumentsDelta: string) => void;

const EMBEDDING_CONTEXT_MAX = 8192;
const MAX_GRAMMARS = 16;

function samplingOptions(s: Sampling, options: Pick<GenerateOptions, 'stop' | 'presencePenalty' | 'frequencyPenalty'>) {
  const penalties = options.presencePenalty || options.frequencyPenalty;
  return {
    maxTokens: s.maxTokens,
    temperature: s.temperature,
    topK: s.topK,
    topP: s.topP,
    minP: s.minP,
    seed: s.seed ?? undefined,
    repeatPenalty:
      s.repeatPenalty > 1 || penalties
        ? { penalty: s.repeatPenalty, presencePenalty: options.presencePenalty, frequencyPenalty: options.frequencyPenalty }
        : (false as const),
    customStopTriggers: options.stop?.length ? options.stop : undefined,
  };
}

/**
 * A forced call is generated under a grammar, which leaves no room for the chat template's own
 * function syntax, so the tools are described to the model in the system turn instead.
 */
function withToolInstructions(history: ChatTurn[], tools: ToolSpec[], named: string | null): ChatTurn[] {
  const described = tools
    .filter((t) => named === null || t.name === named)
    .map((t) => JSON.stringify({ name: t.name, description: t.description, parameters: t.parameters }))
    .join('\n');
  const instruction =
    named === null
      ? `Call one of these tools. Answer only with JSON: {"name": <tool name>, "arguments": <its arguments>}.\n${described}`
      : `Call the tool "${named}". Answer only with its arguments as JSON.\n${described}`;
  const [first, ...rest] = history;
  return first?.role === 'system' ? [{ ...first, text: `${first.text}\n\n${instruction}` }, ...rest] : [{ role: 'system', text: instruction }, ...history];
}

function toChatHistory(turns: ChatTurn[]): ChatHistoryItem[] {
  const history: ChatHistoryItem[] = turns.map((t) =>
    t.role === 'system'
      ? { type: 'system', text: t.text }
      : t.role === 'user'
        ? { type: 'user', text: t.text }
        : {
            type: 'model',
            response: [
              ...(t.text ? [t.text] : []),
              ...(t.toolCalls ?? []).map((c) => ({ type: 'functionCall' as const, name: c.name, params: c.arguments, result: c.result })),
            ],
          },
  );
  // LlamaChat writes into the last model turn: an empty one for a new answer, a partial one to continue.
  if (history.at(-1)?.type !== 'model') history.push({ type: 'model', response: [] });
  return history;
}

function message(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).slice(0, 500);
}
