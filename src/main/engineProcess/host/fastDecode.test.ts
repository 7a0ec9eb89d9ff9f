import { getLlama, LlamaChat, LlamaLogLevel, resolveChatWrapper, type Llama, type LlamaModel, type Token } from 'node-llama-cpp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureFixtures } from '../../../../test/fixtures/generate';
import { FAST_DECODE_VERSION, fastDecodeCounts, installFastDecode, uninstallFastDecode } from './fastDecode';
import { nodeLlamaCppVersion } from './llamaRuntime';

// The short decode path must be invisible: the same tokens, token meters and context state as
// node-llama-cpp's own path, including a context shift, a grammar, and a context whose two
// sequences decode at once (which must take the library's path).

let llama: Llama;
let model: LlamaModel;

beforeAll(async () => {
  const fixtures = await ensureFixtures();
  llama = await getLlama({ gpu: false, build: 'never', logLevel: LlamaLogLevel.error, maxThreads: 0 });
  model = await llama.loadModel({ modelPath: fixtures.byId['llama-gqa'].path, gpuLayers: 0 });
});
afterAll(async () => {
  uninstallFastDecode();
  await model?.dispose();
  await llama?.dispose();
});

interface Outcome {
  tokens: Token[];
  text: string;
  meter: { input: number; output: number };
  contextTokens: Token[];
  json: unknown;
}

async function generateAll(): Promise<Outcome> {
  const context = await model.createContext({ contextSize: 128, threads: 1 });
  try {
    const sequence = context.getSequence();
    const tokens: Token[] = [];
    // 150 tokens in a 128-token context: the library shifts the context on the way.
    for await (const token of sequence.evaluate(model.tokenize('The weather'), { temperature: 0, yieldEogToken: true })) {
      tokens.push(token);
      if (tokens.length >= 150) break;
    }
    await sequence.clearHistory();
    const chat = new LlamaChat({ contextSequence: sequence, chatWrapper: resolveChatWrapper(model) });
    const answer = await chat.generateResponse(
      [
        { type: 'system', text: 'Be brief.' },
        { type: 'user', text: 'Hello' },
        { type: 'model', response: [] },
      ],
      { temperature: 0, maxTokens: 24 },
    );
    const grammar = await llama.getGrammarFor('json');
    const json = await chat.generateResponse(
      [
        { type: 'user', text: 'JSON please' },
        { type: 'model', response: [] },
      ],
      { temperature: 0, maxTokens: 40, grammar },
    );
    const state = sequence.tokenMeter.getState();
    return {
      tokens,
      text: answer.response,
      meter: { input: state.usedInputTokens, output: state.usedOutputTokens },
      contextTokens: sequence.contextTokens,
      json: json.response,
    };
  } finally {
    await context.dispose();
  }
}

describe('the short decode path', () => {
  it('is installed only for the node-llama-cpp version it was written for', async () => {
    expect(nodeLlamaCppVersion()).toBe(FAST_DECODE_VERSION);
    expect(await installFastDecode('3.22.0')).toBe(false);
  });

  it('gives the same tokens, meters and context as the library’s path (context shift, chat, grammar)', async () => {
    uninstallFastDecode();
    const library = await generateAll();
    expect(await installFastDecode(nodeLlamaCppVersion())).toBe(true);
    const before = { ...fastDecodeCounts };
    const fast = await generateAll();
    expect(library.tokens).toHaveLength(150);
    expect(fast).toEqual(library);
    // Generated tokens took the short path; prompts (many tokens at once) the library's.
    expect(fastDecodeCounts.fast - before.fast).toBeGreaterThan(150);
    expect(fastDecodeCounts.library - before.library).toBeGreaterThan(0);
  });

  it('leaves two sequences decoding at once to the library, with the same results', async () => {
    const run = async () => {
      const context = await model.createContext({ contextSize: 256, threads: 1, sequences: 2 });
      try {
        const take = async (prompt: string) => {
          const out: Token[] = [];
          for await (const token of context.getSequence().evaluate(model.tokenize(prompt), { temperature: 0, yieldEogToken: true })) {
            out.push(token);
            if (out.length >= 20) break;
          }
          return out;
        };
        return await Promise.all([take('One two'), take('Three four five')]);
      } finally {
        await context.dispose();
      }
    };
    uninstallFastDecode();
    const library = await run();
    await installFastDecode(nodeLlamaCppVersion());
    expect(await run()).toEqual(library);
  });
});
