import type { CompareEvent, CompareOptions, CompareResult, Conversation, Message, StoredError } from '../../../shared/contract';
import { storedError } from '../../base/appError';
import { AsyncQueue } from '../../base/asyncQueue';
import type { ChatService } from '../chat/chatService';
import { warmUp } from '../inference/answerOnce';
import type { AnswerTarget } from '../inference/answerTarget';
import type { CompareStore } from './compareStore';
import { settingsHash } from './settingsHash';

export interface RoundPane {
  position: number;
  conversationId: string;
  /** Null when the pane has no model, or its local model is not loaded. */
  target: AnswerTarget | null;
}

export interface RoundJob {
  comparisonId: string;
  round: number;
  prompt: string;
  options: CompareOptions;
  panes: RoundPane[];
  chat: ChatService;
  conversation: (id: string) => Conversation;
  store: CompareStore;
  warmed: Set<string>;
  signal: AbortSignal;
}

/**
 * Runs one round and streams every pane's events, tagged with the pane. A pane that fails (not
 * loaded, engine crashed) records its result with the error; the other panes go on regardless.
 */
export function runRound(job: RoundJob): AsyncQueue<CompareEvent> {
  const events = new AsyncQueue<CompareEvent>();
  const run = async () => {
    if (job.options.runMode === 'parallel') {
      // Warm-ups first, all together, so no pane's timed answer overlaps another's warm-up.
      await Promise.all(job.panes.map((p) => warmUpPane(job, p, events)));
      await Promise.all(job.panes.map((p) => answer(job, p, events)));
    } else {
      for (const p of job.panes) {
        if (job.signal.aborted) break;
        await warmUpPane(job, p, events);
        await answer(job, p, events);
      }
    }
  };
  run().then(
    () => events.end(),
    (error: unknown) => events.fail(error),
  );
  return events;
}

async function warmUpPane(job: RoundJob, pane: RoundPane, events: AsyncQueue<CompareEvent>): Promise<void> {
  const target = pane.target;
  // Keyed by instance and model: a remote connection serves several models.
  const key = target && `${target.instanceId}|${JSON.stringify(target.ref)}`;
  if (!job.options.warmUp || !target || !key || job.warmed.has(key) || !(await target.ready(0))) return;
  events.push({ type: 'warmup', position: pane.position });
  if (await warmUp(target, job.conversation(pane.conversationId).sampling, job.signal)) job.warmed.add(key);
}

async function answer(job: RoundJob, pane: RoundPane, events: AsyncQueue<CompareEvent>): Promise<void> {
  events.push({ type: 'started', position: pane.position });
  let final: Message | null = null;
  let failure: StoredError | null = null;
  try {
    if (!pane.target) {
      const { model } = job.conversation(pane.conversationId);
      failure = model ? { code: 'MODEL_NOT_LOADED', detail: '' } : { code: 'NO_MODEL_SELECTED', detail: '' };
    } else {
      const stream = job.chat.send({ conversationId: pane.conversationId, content: job.prompt }, job.signal, pane.target);
      for await (const e of stream) {
        if (e.type === 'delta') events.push({ type: 'delta', position: pane.position, text: e.text, segment: e.segment });
        else if (e.message.role === 'assistant' && e.message.status !== 'streaming') final = e.message;
      }
    }
  } catch (error) {
    failure = storedError(error);
  }
  const conversation = job.conversation(pane.conversationId);
  const result: Omit<CompareResult, 'id' | 'createdAt'> = {
    round: job.round,
    position: pane.position,
    prompt: job.prompt,
    output: final?.content ?? '',
    reasoning: final?.reasoning ?? '',
    status: final?.status ?? 'error',
    error: final?.error ?? failure,
    stats: final?.stats ?? null,
    peakRssBytes: pane.target ? await pane.target.peakMemory() : null,
    settingsHash: settingsHash({
      engine: pane.target?.identity() ?? { model: conversation.model },
      sampling: conversation.sampling,
      systemPrompt: conversation.systemPrompt,
      runMode: job.options.runMode,
      warmUp: job.options.warmUp,
    }),
    runMode: job.options.runMode,
    warmUp: job.options.warmUp,
  };
  events.push({ type: 'result', result: job.store.insertResult(job.comparisonId, result) });
}
