import type { ChatEvent, Conversation, GenerationStats, Message } from '../../../shared/contract';
import { storedError } from '../../base/appError';
import { AsyncQueue } from '../../base/asyncQueue';
import type { ChatTurn } from '../../engine/protocol';
import type { AnswerTarget } from '../inference/answerTarget';
import type { ChatStore } from './chatStore';

/** Streamed text reaches the database at least this often, so a crash loses at most this much. */
export const SAVE_INTERVAL_MS = 200;

export interface GenerationJob {
  conversation: Conversation;
  /** The answer being written (new and empty, or an interrupted one being continued). */
  answer: Message;
  /** Turns before the answer, oldest first. */
  history: ChatTurn[];
  target: AnswerTarget;
  signal?: AbortSignal;
}

/**
 * Errors that cut an answer off mid-way: what was written is kept as `interrupted` and can be
 * continued (a crashed engine restarts; a remote stream that broke or went silent can be asked
 * again).
 */
const INTERRUPTING = new Set(['ENGINE_CRASHED', 'REMOTE_STREAM_CUT', 'REMOTE_TIMEOUT']);

/**
 * Runs one answer. The returned events stream to the caller, but the generation itself does not
 * depend on anyone listening: it saves as it goes and finishes (or records why it did not) even
 * when the caller goes away.
 */
export function runGeneration(store: ChatStore, job: GenerationJob): { events: AsyncQueue<ChatEvent>; done: Promise<Message> } {
  const events = new AsyncQueue<ChatEvent>();
  let content = job.answer.content;
  let reasoning = job.answer.reasoning;
  let dirty = false;
  const flush = () => {
    if (!dirty) return;
    dirty = false;
    store.saveProgress(job.answer.id, content, reasoning);
  };
  const timer = setInterval(flush, SAVE_INTERVAL_MS);

  const history: ChatTurn[] = content ? [...job.history, { role: 'assistant', text: content }] : job.history;
  const done = job.target
    .answer(
      history,
      job.conversation.sampling,
      (text, segment) => {
        if (segment === 'thought') reasoning += text;
        else content += text;
        dirty = true;
        events.push({ type: 'delta', messageId: job.answer.id, text, segment });
      },
      job.signal,
    )
    .then(
      (stats) => ({ status: stats.stopReason === 'stopped' ? ('stopped' as const) : ('complete' as const), stats, error: null }),
      (failure: unknown) => {
        const error = storedError(failure);
        const crashed = INTERRUPTING.has(error.code);
        const stats: GenerationStats = {
          ttftMs: null,
          promptTokens: 0,
          promptTokensPerSecond: null,
          generatedTokens: 0,
          generationTokensPerSecond: null,
          durationMs: Date.now() - job.answer.createdAt,
          stopReason: crashed ? 'crashed' : 'error',
          model: job.target.ref,
          quantization: null,
          gpuLayers: null,
          contextSize: null,
          threads: null,
          remote: null,
        };
        return { status: crashed ? ('interrupted' as const) : ('error' as const), stats, error };
      },
    )
    .then((outcome) => {
      clearInterval(timer);
      store.finishMessage(job.answer.id, { content, reasoning, ...outcome });
      const final = store.message(job.answer.id);
      if (!final) throw new Error('answer vanished while it was written');
      events.push({ type: 'message', message: final });
      events.end();
      return final;
    })
    .catch((error: unknown) => {
      clearInterval(timer);
      events.fail(error);
      throw error;
    });
  done.catch(() => undefined);
  return { events, done };
}
