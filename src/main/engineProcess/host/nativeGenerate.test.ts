import type { Llama, LlamaContextSequence, LlamaModel, Token } from 'node-llama-cpp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineBuildForTests } from '../../../../scripts/bench/lib/nativeEngine';
import { ensureFixtures, type FixtureId } from '../../../../test/fixtures/generate';
import { converse, greedy } from '../../../../test/support/plainAnswerConversation';
import { NATIVE_DIR_ENV } from '../nativeBuildLayout';
import { engineBuildInfo, llama as loadLlama } from './llamaRuntime';
import { canGenerateNatively, generateNatively, librarySampling, PENALTY_WINDOW, type NativeSampling } from './nativeGenerate';

// The native generation loop exists only in an engine built for this machine: `npm test` makes an
// unoptimised one once before vitest runs (`npm run bench:native` an optimised one; either is
// cached under node_modules/.cache), so these tests run in every `npm test`, CI's included, and
// are skipped only when vitest runs alone before any build. The plain-answer tests hold the
// library path to LlamaChat on every machine.

const nativeDir = engineBuildForTests();
const MODELS: FixtureId[] = ['llama-gqa', 'qwen2'];
const models: Record<string, LlamaModel> = {};
let llama: Llama;

const noPenalty: NativeSampling = { ...greedy, maxTokens: 24, repeatPenalty: false };

/** Tokens of `prompt`'s answer from the native loop, stopping after `stopAfter` if given. */
async function nativeTokens(
  sequence: LlamaContextSequence,
  prompt: Token[],
  sampling: NativeSampling,
  stopAfter = Infinity,
  deliverEveryMs?: number,
): Promise<Token[]> {
  const tokens: Token[] = [];
  for await (const token of generateNatively(sequence, prompt, sampling, deliverEveryMs)) {
    tokens.push(token);
    if (tokens.length >= stopAfter) break;
  }
  return tokens;
}

/** The same answer through node-llama-cpp's evaluate, with the native loop's repeat-penalty window (every answer token but newlines). */
async function libraryTokens(sequence: LlamaContextSequence, prompt: Token[], sampling: NativeSampling): Promise<Token[]> {
  const tokens: Token[] = [];
  const nl = sequence.model.tokens.nl;
  for await (const token of sequence.evaluate(prompt, {
    ...librarySampling(sampling, () => tokens.filter((t) => t !== nl).slice(-PENALTY_WINDOW)),
    yieldEogToken: true,
  })) {
    tokens.push(token);
    if (sequence.model.isEogToken(token) || tokens.length >= sampling.maxTokens) break;
  }
  return tokens;
}

describe.skipIf(!nativeDir)('the native generation loop (engine built for this machine)', () => {
  beforeAll(async () => {
    process.env[NATIVE_DIR_ENV] = nativeDir!;
    llama = await loadLlama();
    const fixtures = await ensureFixtures();
    for (const id of MODELS) models[id] = await llama.loadModel({ modelPath: fixtures.byId[id].path, gpuLayers: 0 });
  });
  afterAll(async () => {
    for (const model of Object.values(models)) await model.dispose();
  });

  it('is what the engine loaded, and plain answers take it', async () => {
    expect(engineBuildInfo()?.kind).toBe('native');
    const context = await models['llama-gqa']!.createContext({ contextSize: 256, threads: 1 });
    try {
      expect(canGenerateNatively(context.getSequence())).toBe(true);
    } finally {
      await context.dispose();
    }
  });

  it.each(MODELS)('answers exactly as LlamaChat does, two turns with a reused cache (%s)', async (id) => {
    const sampling = { ...greedy, repeatPenalty: false as const };
    const native = await converse(models[id]!, sampling, 'plain');
    const chat = await converse(models[id]!, sampling, 'chat');
    expect(native).toEqual(chat);
    expect(native.turns[0]!.text.length).toBeGreaterThan(0);
  });

  // 0: every token handed over as it comes; the default groups them (these tiny models make several a millisecond).
  it.each([0, undefined])(
    'samples with a seed, a temperature and a repeat penalty as node-llama-cpp does with the same window (delivery every %s ms)',
    async (deliverEveryMs) => {
      const sampling: NativeSampling = {
        ...noPenalty,
        temperature: 0.9,
        seed: 11,
        repeatPenalty: { penalty: 1.3, presencePenalty: 0.2, frequencyPenalty: 0.1 },
      };
      const model = models['qwen2']!;
      const prompt = model.tokenize('Tell me about the weather');
      const answer = async (via: 'native' | 'library') => {
        const context = await model.createContext({ contextSize: 256, threads: 1 });
        try {
          const sequence = context.getSequence();
          const tokens =
            via === 'native'
              ? await nativeTokens(sequence, prompt, sampling, Infinity, deliverEveryMs)
              : await libraryTokens(sequence, prompt, sampling);
          return { tokens, contextTokens: sequence.contextTokens, meter: sequence.tokenMeter.getState() };
        } finally {
          await context.dispose();
        }
      };
      const native = await answer('native');
      expect(native).toEqual(await answer('library'));
      expect(native.tokens.length).toBeGreaterThan(3);
    },
  );

  it('decodes a prompt longer than the context’s batch in several batches, as the library does', async () => {
    const model = models['llama-gqa']!;
    const prompt = model.tokenize('The weather today is sunny with a light breeze from the west. '.repeat(2));
    expect(prompt.length).toBeGreaterThan(40); // several batches of 16
    expect(prompt.length + noPenalty.maxTokens).toBeLessThan(256); // and room in the context
    const answer = async (via: 'native' | 'library') => {
      const context = await model.createContext({ contextSize: 256, batchSize: 16, threads: 1 });
      try {
        const sequence = context.getSequence();
        const tokens =
          via === 'native' ? await nativeTokens(sequence, prompt, noPenalty) : await libraryTokens(sequence, prompt, noPenalty);
        return { tokens, contextTokens: sequence.contextTokens, meter: sequence.tokenMeter.getState() };
      } finally {
        await context.dispose();
      }
    };
    const native = await answer('native');
    expect(native).toEqual(await answer('library'));
    expect(native.meter.usedInputTokens).toBe(prompt.length - 1);
  });

  it('keeps the sequence consistent with its KV cache when the reader stops early, so the next evaluation continues it', async () => {
    const model = models['llama-gqa']!;
    const prompt = model.tokenize('Once upon a time');
    const context = await model.createContext({ contextSize: 256, threads: 1 });
    const kvEnd = () =>
      (context as unknown as { _ctx: { getSequenceKvCacheMaxPosition(id: number): number } })._ctx.getSequenceKvCacheMaxPosition(0);
    try {
      const sequence = context.getSequence();
      const first = await nativeTokens(sequence, prompt, { ...noPenalty, maxTokens: 200 }, 3);
      expect(first).toHaveLength(3);
      // The loop may have decoded a few tokens past the third before it saw the stop; the record says exactly which.
      const kept = sequence.contextTokens;
      expect(kept.length).toBeGreaterThanOrEqual(prompt.length + 2);
      expect(kept.slice(0, prompt.length + 2)).toEqual([...prompt, ...first.slice(0, 2)]);
      expect(sequence.nextTokenIndex).toBe(kept.length);
      expect(kvEnd()).toBe(kept.length - 1);
      expect(sequence.tokenMeter.usedOutputTokens).toBe(kept.length - prompt.length + 1);

      // Both the native loop and the library continue from there.
      const next = await nativeTokens(sequence, model.tokenize(' and then', false), noPenalty);
      expect(next.length).toBeGreaterThan(0);
      expect(kvEnd()).toBe(sequence.nextTokenIndex - 1);
      await sequence.evaluateWithoutGeneratingNewTokens(model.tokenize(' The end', false));
      expect(kvEnd()).toBe(sequence.nextTokenIndex - 1);
    } finally {
      await context.dispose();
    }
  });

  it('ends by itself at the answer limit and at the end of generation, decoding nothing past them', async () => {
    const model = models['qwen2']!;
    const prompt = model.tokenize('Hi');
    const context = await model.createContext({ contextSize: 256, threads: 1 });
    try {
      const sequence = context.getSequence();
      const limited = await nativeTokens(sequence, prompt, { ...noPenalty, maxTokens: 4 });
      expect(limited).toHaveLength(4);
      // The prompt and every answer token but the last are in the cache.
      expect(sequence.contextTokens).toEqual([...prompt, ...limited.slice(0, 3)]);
      expect(sequence.tokenMeter.usedOutputTokens).toBe(4);
    } finally {
      await context.dispose();
    }
  });
});
