import type { AdapterMismatch, EngineBuildInfo, GenerationStats, GpuInfo, KvCacheChart, LoadSettings, MemoryEstimate, Sampling } from '../../shared/contract';

/*
 * Messages between the supervisor (main side) and an engine host process, and every type they
 * carry. Each process holds at most one model, so a crash takes down one model, never the others,
 * the UI or the database.
 */

/** A perplexity / KL-divergence measurement: `path` scored against `referencePath` on `text`. */
export interface QualityCall {
  referencePath: string;
  path: string;
  text: string;
  maxTokens: number;
  threads: number;
}

export interface QualityOutcome {
  tokens: number;
  perplexity: number;
  referencePerplexity: number;
  klDivergence: number;
  topTokenAgreement: number;
  tokensPerSecond: number | null;
}

export type QualityPhase = 'reference' | 'measured' | 'speed';

/** Whether a LoRA adapter's architecture and tensor shapes fit a model, and if not why. */
/**
 * `detail` names what disagrees in identifiers and numbers only (no prose), so it reads the same
 * beside the translated reason in any language.
 */
export type AdapterCheck = { compatible: true } | { compatible: false; reason: AdapterMismatch; detail: string };

/** A llama-bench run in an engine process of its own (see host/bench.ts). */
export interface BenchUnitSettings {
  threads: number;
  batchSize: number;
  ubatchSize: number;
  flashAttention: boolean;
  kvCacheType: 'F16' | 'Q8_0' | 'Q4_0';
  /** 'max': every layer the GPU takes; resolved in the result. */
  gpuLayers: number | 'max';
}

export interface BenchUnit {
  settings: BenchUnitSettings;
  test: { nPrompt: number; nGen: number; depth: number };
}

export interface BenchCall {
  path: string;
  units: BenchUnit[];
  repetitions: number;
  warmup: boolean;
  /** Seeds the random prompt tokens, so two runs evaluate the same tokens. */
  seed: number;
}

export type BenchPhase = 'load' | 'depth' | 'warmup' | 'repetition';

export type BenchHostEvent =
  | { kind: 'model'; description: string; sizeBytes: number; parameters: number; vocabularySize: number }
  | { kind: 'phase'; unit: number; phase: BenchPhase; repetition: number | null }
  | { kind: 'unit'; unit: number; samplesNs: number[]; gpuLayers: number; bytesPerToken: number | null };

/** Memory read bandwidth (see host/benchBandwidth.ts). */
export interface BandwidthOutcome {
  bytesPerSecond: number;
  threads: number;
  bufferBytes: number;
}

/** A tool call the assistant made, with the result the caller fed back (OpenAI `tool` messages). */
export interface ToolCallTurn {
  name: string;
  arguments: unknown;
  result: unknown;
}

export interface ChatTurn {
  role: 'system' | 'user' | 'assistant';
  text: string;
  /** An assistant turn's tool calls, in order, after its text. */
  toolCalls?: ToolCallTurn[];
}

/** A function the model may call; `parameters` is a JSON schema already checked to be supported. */
export interface ToolSpec {
  name: string;
  description?: string;
  parameters?: Record<string, unknown>;
}

/** `auto`: the model decides; `required`: one of the tools; `{name}`: that tool. */
export type ToolChoice = 'auto' | 'required' | { name: string };

/** What the OpenAI-compatible API asks beyond Caliper's own sampling settings. */
export interface GenerateOptions {
  stop?: string[];
  presencePenalty?: number;
  frequencyPenalty?: number;
  /** `json`: any JSON value; `schema`: JSON matching a (checked) schema. */
  responseFormat?: { type: 'json' } | { type: 'schema'; schema: Record<string, unknown> };
  tools?: ToolSpec[];
  toolChoice?: ToolChoice;
  parallelToolCalls?: boolean;
}

/** A finished tool call: its arguments exactly as streamed (JSON text). */
export interface ToolCallResult {
  name: string;
  arguments: string;
}

export type EngineRequest =
  | { id: number; type: 'hardware' }
  | { id: number; type: 'estimate'; path: string; settings: LoadSettings }
  /** KV-cache bytes of a file at each context size, for F16, Q8_0 and Q4_0 (probe only). */
  | { id: number; type: 'kvCache'; path: string; contextSizes: number[] }
  | { id: number; type: 'load'; path: string; settings: LoadSettings; threads: number }
  /** Perplexity and KL divergence of `path` against `referencePath` (a process of its own). */
  | ({ id: number; type: 'quality' } & QualityCall)
  /** llama-bench's tests over a sweep of settings (a process of its own, ended afterwards). */
  | ({ id: number; type: 'bench' } & BenchCall)
  /** Memory read bandwidth, every core at once (a process of its own, ended afterwards). */
  | { id: number; type: 'bandwidth'; threads?: number }
  /** Whether a LoRA adapter's tensors fit a model's (probe only). */
  | { id: number; type: 'adapterCheck'; modelPath: string; adapterPath: string }
  | {
      id: number;
      type: 'generate';
      generationId: string;
      /** The conversation so far; a last assistant turn is continued, not answered. */
      history: ChatTurn[];
      sampling: Sampling;
      options?: GenerateOptions;
    }
  /** Continues raw text, no chat template (the API's `/v1/completions`). */
  | {
      id: number;
      type: 'complete';
      generationId: string;
      prompt: string;
      sampling: Sampling;
      options?: Pick<GenerateOptions, 'stop' | 'presencePenalty' | 'frequencyPenalty' | 'responseFormat'>;
    }
  /** One embedding per input, from an embedding context on the loaded model. */
  | { id: number; type: 'embed'; inputs: string[] }
  | { id: number; type: 'cancel'; generationId: string }
  | { id: number; type: 'memory' };

export interface LoadedInfo {
  gpuLayers: number;
  totalLayers: number;
  contextSize: number;
  threads: number;
  estimate: MemoryEstimate;
}

export interface GenerationResult {
  stats: Omit<GenerationStats, 'model' | 'quantization' | 'gpuLayers' | 'contextSize' | 'threads' | 'remote'>;
  /** Calls the model made (it stops to let the caller run them); absent when none. */
  toolCalls?: ToolCallResult[];
  /** The whole prompt in tokens, including what the sequence reused from the last answer (`promptTokens` counts only what was evaluated). */
  promptTokensTotal?: number;
}

export type EngineErrorCode = 'ENGINE_UNAVAILABLE' | 'MODEL_WONT_FIT' | 'MODEL_LOAD_FAILED' | 'NOT_LOADED' | 'BAD_REQUEST';

export type EngineResponse =
  | { id: number; type: 'hardware'; gpu: Extract<GpuInfo, { state: 'ready' }>; engine?: EngineBuildInfo }
  | { id: number; type: 'estimate'; estimate: MemoryEstimate; suggestedContextSize: number | null; suggestedGpuLayers: number | null }
  | { id: number; type: 'kvCache'; chart: KvCacheChart }
  | { id: number; type: 'loadProgress'; progress: number }
  | { id: number; type: 'loaded'; info: LoadedInfo }
  | { id: number; type: 'qualityProgress'; phase: QualityPhase; done: number; total: number }
  | { id: number; type: 'quality'; outcome: QualityOutcome }
  | { id: number; type: 'adapterCheck'; check: AdapterCheck }
  | { id: number; type: 'benchProgress'; event: BenchHostEvent }
  | { id: number; type: 'bench'; engine: EngineBuildInfo }
  | { id: number; type: 'bandwidth'; outcome: BandwidthOutcome }
  | { id: number; type: 'chunk'; generationId: string; text: string; segment: 'text' | 'thought' }
  /** Part of a tool call: `name` on its first delta, then pieces of its JSON arguments. */
  | { id: number; type: 'toolCall'; generationId: string; index: number; name: string | null; argumentsDelta: string }
  | { id: number; type: 'embedded'; vectors: Float32Array[]; tokenCounts: number[] }
  | { id: number; type: 'generated'; result: GenerationResult }
  | { id: number; type: 'cancelled' }
  | { id: number; type: 'memory'; rssBytes: number; peakRssBytes: number }
  | { id: number; type: 'error'; code: EngineErrorCode; detail: string; data?: Record<string, unknown> };

export type EngineMessage = EngineResponse | { type: 'ready' };

/** Responses that end a request; the others are progress along the way. */
export const finalResponseTypes = new Set<EngineResponse['type']>([
  'hardware',
  'estimate',
  'kvCache',
  'loaded',
  'quality',
  'adapterCheck',
  'bench',
  'bandwidth',
  'generated',
  'embedded',
  'cancelled',
  'memory',
  'error',
]);
