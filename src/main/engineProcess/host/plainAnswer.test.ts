import {
  getLlama,
  LlamaLogLevel,
  QwenChatWrapper,
  resolveChatWrapper,
  type ChatHistoryItem,
  type Llama,
  type LlamaModel,
  type Token,
} from 'node-llama-cpp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureFixtures, type FixtureId } from '../../../../test/fixtures/generate';
import { converse, greedy } from '../../../../test/support/plainAnswerConversation';
import {
  firstTextTrigger,
  generatePlainAnswer,
  matchTokenTriggers,
  partialTriggerLength,
  planPlainAnswer,
  type PlainSampling,
  type PlainStopReason,
} from './plainAnswer';

// Caliper's plain-answer loop must be invisible: for every answer it takes, the same text, stop
// reason, token counts and context state as node-llama-cpp's LlamaChat on the same history,
// including a second turn that reuses the KV cache, a repeat penalty, seeded sampling, custom stop
// strings, the answer limit, and a sliding-window model (which takes checkpoints).

const llamas: Record<string, LlamaModel> = {};
let llama: Llama;
const MODELS: FixtureId[] = ['llama-gqa', 'qwen2', 'gemma3-swa'];

beforeAll(async () => {
  const fixtures = await ensureFixtures();
  llama = await getLlama({ gpu: false, build: 'never', logLevel: LlamaLogLevel.error, maxThreads: 0 });
  for (const id of MODELS) llamas[id] = await llama.loadModel({ modelPath: fixtures.byId[id].path, gpuLayers: 0 });
});
afterAll(async () => {
  for (const model of Object.values(llamas)) await model.dispose();
  await llama?.dispose();
});

describe('the plain-answer loop', () => {
  it.each(MODELS)('answers exactly as LlamaChat does, two turns with a reused cache (%s)', async (id) => {
    const model = llamas[id]!;
    const chat = await converse(model, greedy, 'chat');
    const plain = await converse(model, greedy, 'plain');
    expect(plain).toEqual(chat);
    expect(chat.turns[0]!.text.length).toBeGreaterThan(0);
    // The second turn evaluated only what the first left out of the cache: the first prompt was kept.
    expect(chat.turns[1]!.input).toBeLessThanOrEqual(chat.turns[1]!.prompt - chat.turns[0]!.prompt + 1);
  });

  it('samples the same with a seed, a temperature and presence and frequency penalties', async () => {
    const sampling: PlainSampling = {
      ...greedy,
      temperature: 0.9,
      seed: 7,
      repeatPenalty: { penalty: 1.2, presencePenalty: 0.3, frequencyPenalty: 0.2 },
    };
    const model = llamas['llama-gqa']!;
    expect(await converse(model, sampling, 'plain')).toEqual(await converse(model, sampling, 'chat'));
  });

  it('stops on a custom stop string as LlamaChat does, without giving it out', async () => {
    const model = llamas['qwen2']!;
    const free = await converse(model, greedy, 'chat');
    const answer = free.turns[0]!.text;
    expect(answer.length).toBeGreaterThan(12);
    const stop = answer.slice(8, 11);
    const sampling = { ...greedy, customStopTriggers: [stop] };
    const chat = await converse(model, sampling, 'chat');
    const plain = await converse(model, sampling, 'plain');
    expect(plain).toEqual(chat);
    expect(plain.turns[0]!.stopReason).toBe('customStopTrigger');
    expect(plain.turns[0]!.text).toBe(answer.slice(0, answer.indexOf(stop)));
  });

  it('ends at the answer limit as LlamaChat does (text held for a possible stop string is dropped)', async () => {
    const sampling = { ...greedy, maxTokens: 5, repeatPenalty: false as const };
    const model = llamas['llama-gqa']!;
    const chat = await converse(model, sampling, 'chat');
    const plain = await converse(model, sampling, 'plain');
    expect(plain).toEqual(chat);
    expect(plain.turns.map((t) => t.stopReason)).toEqual(['maxTokens', 'maxTokens']);
  });

  it('stops when asked, keeping what was generated', async () => {
    const model = llamas['llama-gqa']!;
    const context = await model.createContext({ contextSize: 512, threads: 1 });
    try {
      const sequence = context.getSequence();
      const history: ChatHistoryItem[] = [
        { type: 'user', text: 'Hello' },
        { type: 'model', response: [] },
      ];
      const sampling = { ...greedy, maxTokens: 200, repeatPenalty: false as const };
      const plan = planPlainAnswer(model, resolveChatWrapper(model), history, context.contextSize, sampling)!;
      const controller = new AbortController();
      let text = '';
      let chunks = 0;
      const { stopReason } = await generatePlainAnswer(sequence, plan, sampling, controller.signal, (t) => {
        text += t;
        if (++chunks === 3) controller.abort();
      });
      expect(stopReason satisfies PlainStopReason).toBe('abort');
      expect(chunks).toBe(3);
      expect(text.length).toBeGreaterThan(0);
    } finally {
      await context.dispose();
    }
  });

  it('leaves to LlamaChat: a partial answer to continue, thought segments, a prompt with no room for the answer', () => {
    const model = llamas['llama-gqa']!;
    const wrapper = resolveChatWrapper(model);
    const ask: ChatHistoryItem[] = [
      { type: 'user', text: 'Hello' },
      { type: 'model', response: [] },
    ];
    expect(planPlainAnswer(model, wrapper, ask, 512, greedy)).not.toBeNull();
    expect(planPlainAnswer(model, wrapper, [ask[0]!, { type: 'model', response: ['Half an'] }], 512, greedy)).toBeNull();
    expect(planPlainAnswer(model, new QwenChatWrapper(), ask, 512, greedy)).toBeNull();
    expect(planPlainAnswer(model, wrapper, ask, 40, greedy)).toBeNull();
  });
});

describe('stop triggers', () => {
  it('find the earliest complete text trigger and hold the longest start of one', () => {
    expect(firstTextTrigger(['###', 'User:'], 'a User: b ###')).toEqual({ index: 2, trigger: 'User:' });
    expect(firstTextTrigger(['###'], 'a ## b')).toBeNull();
    expect(partialTriggerLength(['###', 'User:'], 'text Us')).toBe(2);
    expect(partialTriggerLength(['###', 'User:'], 'text ##')).toBe(2);
    expect(partialTriggerLength(['###'], 'text #a')).toBe(0);
  });

  it('match token triggers at the end of the held tokens, or say how many may begin one', () => {
    const held = (...tokens: number[]) => (tokens as Token[]).map((token) => ({ token }));
    const t = (...tokens: number[]) => tokens as Token[];
    expect(matchTokenTriggers([t(5, 6, 7)], held(1, 5, 6, 7))).toEqual({ matched: true, length: 3 });
    expect(matchTokenTriggers([t(5, 6, 7)], held(1, 5, 6))).toEqual({ matched: false, length: 2 });
    expect(matchTokenTriggers([t(5, 6, 7), t(9)], held(1, 9))).toEqual({ matched: true, length: 1 });
    expect(matchTokenTriggers([t(5, 6, 7)], held(1, 2))).toEqual({ matched: false, length: 0 });
  });
});
