import type { GenerationStats, Sampling, StoredError } from '../../../shared/contract';
import { storedError } from '../../base/appError';
import type { ChatTurn } from '../../engineProcess/protocol';
import type { AnswerTarget, ChunkListener } from './answerTarget';

/**
 * How an answer ended. `interrupted`: cut off mid-way (a crashed engine, a remote stream that
 * broke or went silent), so what was written can be continued; `error`: it failed for a reason
 * asking again would not change.
 */
export interface AnswerOutcome {
  status: 'complete' | 'stopped' | 'interrupted' | 'error';
  /** Measured on success; on failure, what is known (the model, how long it took, why it stopped). */
  stats: GenerationStats;
  error: StoredError | null;
}

const INTERRUPTING = new Set(['ENGINE_CRASHED', 'REMOTE_STREAM_CUT', 'REMOTE_TIMEOUT']);

/**
 * One answer from a target, measured: Chat, Compare rounds and suites all answer through this, so
 * a failure is normalised the same way everywhere. Never throws.
 */
export async function answerOnce(
  target: AnswerTarget,
  history: ChatTurn[],
  sampling: Sampling,
  onChunk: ChunkListener,
  signal?: AbortSignal,
): Promise<AnswerOutcome> {
  const started = Date.now();
  try {
    const stats = await target.answer(history, sampling, onChunk, signal);
    return { status: stats.stopReason === 'stopped' ? 'stopped' : 'complete', stats, error: null };
  } catch (failure) {
    const error = storedError(failure);
    const cut = INTERRUPTING.has(error.code);
    const stats: GenerationStats = {
      ttftMs: null,
      promptTokens: 0,
      promptTokensPerSecond: null,
      generatedTokens: 0,
      generationTokensPerSecond: null,
      durationMs: Date.now() - started,
      stopReason: cut ? 'crashed' : 'error',
      model: target.ref,
      quantization: null,
      gpuLayers: null,
      contextSize: null,
      threads: null,
      remote: null,
    };
    return { status: cut ? 'interrupted' : 'error', stats, error };
  }
}

const WARM_UP_PROMPT: ChatTurn[] = [{ role: 'user', text: 'Hello' }];
const WARM_UP_TOKENS = 8;

/**
 * A short untimed answer, so the first measured one does not pay for cold caches (and a remote
 * server's first-request setup). True when it answered.
 */
export async function warmUp(target: AnswerTarget, sampling: Sampling, signal?: AbortSignal): Promise<boolean> {
  const outcome = await answerOnce(target, WARM_UP_PROMPT, { ...sampling, maxTokens: WARM_UP_TOKENS }, () => undefined, signal);
  return outcome.error === null;
}
