import type { RouterClient } from '@orpc/server';
import type { AppRouter } from '../../src/main/router';
import type { Conversation, GenerationStats } from '../../src/shared/contract';

type Client = RouterClient<AppRouter>;

export interface SeedMessage {
  /** Unique within the conversation; parents refer to it. Default: `m<index>`. */
  id?: string;
  role: 'user' | 'assistant';
  content: string;
  /** Default: the message before it (a straight chain). `null`: a root. */
  parent?: string | null;
  createdAt?: number;
  /** Written as the answer's stats (the model filter reads them). */
  modelPath?: string;
}

const STATS: Omit<GenerationStats, 'model'> = {
  ttftMs: 100,
  promptTokens: 10,
  promptTokensPerSecond: 100,
  generatedTokens: 10,
  generationTokensPerSecond: 10,
  durationMs: 1000,
  stopReason: 'eos',
  quantization: null,
  gpuLayers: 0,
  contextSize: 512,
  threads: 1,
  remote: null,
};

/**
 * A conversation with exactly these messages, made through the contract (`chat.import`), so no
 * engine is needed to have history to list, open and search. The last message is the shown leaf.
 */
export async function seedConversation(
  client: Client,
  options: { title: string; messages: SeedMessage[]; leaf?: string; start?: number },
): Promise<Conversation> {
  const start = options.start ?? Date.UTC(2024, 0, 1);
  const messages = options.messages.map((m, i) => {
    const id = m.id ?? `m${i}`;
    const previous = i === 0 ? null : (options.messages[i - 1]!.id ?? `m${i - 1}`);
    return {
      id,
      parentId: m.parent === undefined ? previous : m.parent,
      role: m.role,
      content: m.content,
      reasoning: '',
      status: 'complete' as const,
      stats: m.role === 'assistant' && m.modelPath ? { ...STATS, model: { kind: 'local', path: m.modelPath } } : null,
      createdAt: m.createdAt ?? start + i * 1000,
    };
  });
  return client.chat.import({
    content: JSON.stringify({
      format: 'caliper.conversation',
      version: 1,
      conversation: {
        title: options.title,
        systemPrompt: '',
        sampling: { temperature: 0.8, topP: 0.95, topK: 40, minP: 0.05, repeatPenalty: 1.1, seed: null, maxTokens: 1024 },
        model: null,
        createdAt: start,
        leafId: options.leaf ?? messages.at(-1)?.id ?? null,
      },
      messages,
    }),
  });
}

/** Reads an event stream in the background; `take()` gives what arrived so far. */
export function collectEvents<T>(events: AsyncIterable<T>): { take(): T[]; stop(): void } {
  const seen: T[] = [];
  let stopped = false;
  void (async () => {
    for await (const e of events) {
      if (stopped) break;
      seen.push(e);
    }
  })().catch(() => undefined);
  return {
    take: () => seen.splice(0),
    stop: () => {
      stopped = true;
    },
  };
}
