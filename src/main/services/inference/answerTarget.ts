import type { GenerationStats, ModelRef, Sampling } from '../../../shared/contract';
import type { ChatTurn } from '../../engineProcess/protocol';

export type ChunkListener = (text: string, segment: 'text' | 'thought') => void;

/**
 * Whatever answers a prompt: an instance of Caliper's own engine or a model on a remote server.
 * Chat, Compare, arena and suites know only this. Text arrives through `onChunk` as it is made
 * (so a failure keeps what came); the promise gives the measured stats or a typed error.
 */
export interface AnswerTarget {
  readonly ref: ModelRef;
  /** The engine instance, or `remote:<connection>` for a remote model. */
  readonly instanceId: string;
  answer(history: ChatTurn[], sampling: Sampling, onChunk: ChunkListener, signal?: AbortSignal): Promise<GenerationStats>;
  /** The engine process's peak memory, measured now; null for a remote engine (its memory is the server's). */
  peakMemory(): Promise<number | null>;
  /** What the settings hash covers about where it ran: file and resolved load settings, or server, model and version. Never a key. */
  identity(): Record<string, unknown>;
  /** Waits while a crashed local engine restarts; false when it failed or went away. */
  ready(timeoutMs: number): Promise<boolean>;
}
