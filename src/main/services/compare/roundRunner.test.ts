import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../../test/support/tempDir';
import { CompareOptionsSchema, SamplingSchema, type CompareEvent, type GenerationStats, type ModelRef } from '../../../shared/contract';
import { openDatabase } from '../../storage/database';
import { ChatService } from '../chat/chatService';
import { ChatStore } from '../chat/chatStore';
import type { AnswerTarget, ChunkListener } from '../inference/answerTarget';
import { CompareStore } from './compareStore';
import { runRound } from './roundRunner';

const tempDir = useTempDirs();

/** A target that thinks first, then answers: what a reasoning model streams. */
function thinkingTarget(ref: ModelRef): AnswerTarget {
  return {
    ref,
    instanceId: 'fake-1',
    answer(_history, _sampling, onChunk: ChunkListener): Promise<GenerationStats> {
      onChunk('Let me ', 'thought');
      onChunk('think.', 'thought');
      onChunk('Forty-two.', 'text');
      return Promise.resolve({
        ttftMs: 5,
        promptTokens: 3,
        promptTokensPerSecond: 600,
        generatedTokens: 4,
        generationTokensPerSecond: 100,
        durationMs: 45,
        stopReason: 'eos',
        model: ref,
        quantization: null,
        gpuLayers: null,
        contextSize: null,
        threads: null,
        remote: null,
      });
    },
    peakMemory: () => Promise.resolve(null),
    identity: () => ({ fake: true }),
    ready: () => Promise.resolve(true),
  };
}

describe('a Compare round', () => {
  it('keeps the reasoning: streamed as thought deltas, in the result, and saved with it', async () => {
    const dir = tempDir();
    const { db } = openDatabase({ file: join(dir, 'caliper.db'), backupsDir: join(dir, 'backups') });
    const chatStore = new ChatStore(db);
    const compare = new CompareStore(db);
    const model: ModelRef = { kind: 'local', path: '/models/thinker.gguf' };
    const conversation = chatStore.insertConversation({
      kind: 'compare',
      title: '',
      pinned: false,
      model,
      systemPrompt: '',
      sampling: SamplingSchema.parse({}),
      leafId: null,
    });
    const options = CompareOptionsSchema.parse({});
    const comparisonId = compare.insert({ title: '', options, revealed: true }, [
      { position: 0, conversationId: conversation.id, load: {} },
    ]);
    const unused = () => {
      throw new Error('the pane brings its own target');
    };
    const chat = new ChatService(chatStore, { target: unused }, { search: unused });

    const events: CompareEvent[] = [];
    for await (const e of runRound({
      comparisonId,
      round: 1,
      prompt: 'What is the answer?',
      options,
      panes: [{ position: 0, conversationId: conversation.id, target: thinkingTarget(model) }],
      chat,
      conversation: (id) => chatStore.conversation(id)!,
      store: compare,
      warmed: new Set(),
      signal: new AbortController().signal,
    })) {
      events.push(e);
    }

    const thoughts = events.flatMap((e) => (e.type === 'delta' && e.segment === 'thought' ? [e.text] : []));
    expect(thoughts.join('')).toBe('Let me think.');
    const result = events.find((e) => e.type === 'result');
    expect(result?.type === 'result' && result.result).toMatchObject({
      output: 'Forty-two.',
      reasoning: 'Let me think.',
      status: 'complete',
    });
    // A reopened comparison reads it back from SQLite.
    expect(compare.results(comparisonId)[0]).toMatchObject({ output: 'Forty-two.', reasoning: 'Let me think.' });
    db.close();
  });
});
