import { LlamaChat, resolveChatWrapper, type ChatHistoryItem, type LlamaModel } from 'node-llama-cpp';
import { expect } from 'vitest';
import { generatePlainAnswer, planPlainAnswer, type PlainSampling } from '../../src/main/engineProcess/host/plainAnswer';

// One conversation through node-llama-cpp's LlamaChat or Caliper's plain-answer loop, for the tests
// that hold the loop (and the engine build's native loop behind it) to LlamaChat's answers.

export const greedy: PlainSampling = {
  maxTokens: 40,
  temperature: 0,
  topK: 40,
  topP: 0.95,
  minP: 0.05,
  seed: undefined,
  repeatPenalty: { penalty: 1.1 },
  customStopTriggers: undefined,
};

export interface Turn {
  /** The rendered prompt's length in tokens. */
  prompt: number;
  text: string;
  stopReason: string;
  input: number;
  output: number;
}

/** Two turns of one conversation, through LlamaChat or the plain loop, on a fresh context. */
export async function converse(
  model: LlamaModel,
  sampling: PlainSampling,
  via: 'chat' | 'plain',
): Promise<{ turns: Turn[]; contextTokens: number[] }> {
  const context = await model.createContext({ contextSize: 512, threads: 1 });
  try {
    const sequence = context.getSequence();
    const chat = new LlamaChat({ contextSequence: sequence, chatWrapper: resolveChatWrapper(model) });
    const history: ChatHistoryItem[] = [
      { type: 'system', text: 'Be brief.' },
      { type: 'user', text: 'Tell me about the weather' },
    ];
    const turns: Turn[] = [];
    for (const next of ['And tomorrow?', null]) {
      const asked: ChatHistoryItem[] = [...history, { type: 'model', response: [] }];
      const before = sequence.tokenMeter.getState();
      let text = '';
      let stopReason: string;
      if (via === 'chat') {
        const result = await chat.generateResponse(asked, { ...sampling, onTextChunk: (t) => (text += t) });
        stopReason = result.metadata.stopReason;
        expect(result.response).toBe(text);
      } else {
        const plan = planPlainAnswer(model, chat.chatWrapper, asked, context.contextSize, sampling);
        expect(plan).not.toBeNull();
        stopReason = (await generatePlainAnswer(sequence, plan!, sampling, new AbortController().signal, (t) => (text += t))).stopReason;
      }
      const used = sequence.tokenMeter.diff(before);
      const prompt = chat.chatWrapper.generateContextState({ chatHistory: asked }).contextText.tokenize(model.tokenizer).length;
      turns.push({ prompt, text, stopReason, input: used.usedInputTokens, output: used.usedOutputTokens });
      history.push({ type: 'model', response: [text] });
      if (next) history.push({ type: 'user', text: next });
    }
    return { turns, contextTokens: sequence.contextTokens };
  } finally {
    await context.dispose();
  }
}
