import type { GenerationStats, GpuInfo, KvCacheChart, LoadSettings, MemoryEstimate, Sampling } from '../../shared/contract';
import type { QualityCall, QualityOutcome, QualityPhase } from './host/quality';
import type { AdapterCheck } from './host/adapterCheck';

/**
 * Messages between the supervisor (main side) and an engine host process. Each process holds at
 * most one model, so a crash takes down one model, never the others, the UI or the database.
 */

export interface ChatTurn {
  role: 'system' | 'user' | 'assistant';
  text: string;
}

export type EngineRequest =
  | { id: number; type: 'hardware' }
  | { id: number; type: 'estimate'; path: string; settings: LoadSettings }
  /** KV-cache bytes of a file at each context size, for F16, Q8_0 and Q4_0 (probe only). */
  | { id: number; type: 'kvCache'; path: string; contextSizes: number[] }
  | { id: number; type: 'load'; path: string; settings: LoadSettings; threads: number }
  /** Perplexity and KL divergence of `path` against `referencePath` (a process of its own). */
  | ({ id: number; type: 'quality' } & QualityCall)
  /** Whether a LoRA adapter's tensors fit a model's (probe only). */
  | { id: number; type: 'adapterCheck'; modelPath: string; adapterPath: string }
  | {
      id: number;
      type: 'generate';
      generationId: string;
      /** The conversation so far; a last assistant turn is continued, not answered. */
      history: ChatTurn[];
      sampling: Sampling;
    }
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
  stats: Omit<GenerationStats, 'modelPath' | 'quantization' | 'gpuLayers' | 'contextSize' | 'threads'>;
}

export type EngineErrorCode = 'ENGINE_UNAVAILABLE' | 'MODEL_WONT_FIT' | 'MODEL_LOAD_FAILED' | 'NOT_LOADED' | 'BAD_REQUEST';

export type EngineResponse =
  | { id: number; type: 'hardware'; gpu: Extract<GpuInfo, { state: 'ready' }> }
  | { id: number; type: 'estimate'; estimate: MemoryEstimate; suggestedContextSize: number | null; suggestedGpuLayers: number | null }
  | { id: number; type: 'kvCache'; chart: KvCacheChart }
  | { id: number; type: 'loadProgress'; progress: number }
  | { id: number; type: 'loaded'; info: LoadedInfo }
  | { id: number; type: 'qualityProgress'; phase: QualityPhase; done: number; total: number }
  | { id: number; type: 'quality'; outcome: QualityOutcome }
  | { id: number; type: 'adapterCheck'; check: AdapterCheck }
  | { id: number; type: 'chunk'; generationId: string; text: string; segment: 'text' | 'thought' }
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
  'generated',
  'cancelled',
  'memory',
  'error',
]);
