import type { ChatEvent, Conversation, Message } from '../../../shared/contract';
import { AsyncQueue } from '../../base/asyncQueue';
import type { ChatTurn } from '../../engineProcess/protocol';
import { answerOnce } from '../inference/answerOnce';
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
  const done = answerOnce(
    job.target,
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
    .then((outcome) => {
      clearInterval(timer);
      store.finishMessage(job.answer.id, { content, reasoning, status: outcome.status, stats: outcome.stats, error: outcome.error });
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
