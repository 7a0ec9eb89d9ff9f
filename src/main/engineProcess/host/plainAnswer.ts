import {
  LlamaText,
  SpecialToken,
  SpecialTokensText,
  type ChatHistoryItem,
  type ChatWrapper,
  type LlamaContextSequence,
  type LlamaModel,
  type Token,
} from 'node-llama-cpp';
import { canGenerateNatively, generateNatively, librarySampling, PENALTY_WINDOW, type NativeSampling } from './nativeGenerate';

/**
 * Caliper's own generation loop for a plain chat answer: no tools, no grammar, no thought
 * segments, a prompt that fits the context with room for the whole answer. node-llama-cpp's
 * LlamaChat serves every kind of answer through one state machine (function-call syntax, segment
 * budgets, rerenders, context shifts, a token stream regulator); for a plain answer that machinery
 * kept the engine's main thread, which every token passes between its decode and its sampling,
 * busy about 560 µs per token where this loop needs about 450 (event-loop utilisation, Q4_K_M,
 * one thread, native build; docs/ARCHITECTURE.md). This loop keeps LlamaChat's behaviour for such an
 * answer (the prompt rendered by the same chat wrapper, the KV cache reused up to the first
 * changed token, the same sampling and repeat-penalty window, stop triggers and stop reasons,
 * partial characters held back) and tests compare its text and token counts with LlamaChat's.
 * Anything it does not cover is answered by LlamaChat (`planPlainAnswer` returns null).
 */

/** LlamaChat's default: the detokenizer looks at the last 3 answer tokens (the repeat penalty at PENALTY_WINDOW). */
const DETOKENIZER_CONTEXT = 3;
const UNKNOWN_CHAR = '\uFFFD';

export interface PlainAnswerPlan {
  tokens: Token[];
  textTriggers: string[];
  tokenTriggers: Token[][];
}

export interface PlainSampling extends NativeSampling {
  customStopTriggers: string[] | undefined;
}

/** LlamaChat's stop reasons for the answers this loop gives. */
export type PlainStopReason = 'eogToken' | 'stopGenerationTrigger' | 'customStopTrigger' | 'maxTokens' | 'abort';

/** The prompt and stop triggers for a plain answer, or null when LlamaChat must answer. */
export function planPlainAnswer(
  model: LlamaModel,
  wrapper: ChatWrapper,
  history: ChatHistoryItem[],
  contextSize: number,
  sampling: PlainSampling,
): PlainAnswerPlan | null {
  const last = history.at(-1);
  // Continuing a partial answer, segments and wrappers that steer the answer's start stay with LlamaChat.
  if (last?.type !== 'model' || last.response.length > 0) return null;
  if (wrapper.settings.segments?.thought || wrapper.settings.segments?.comment) return null;
  const state = wrapper.generateContextState({ chatHistory: history });
  if (state.prefixTriggers?.length || state.noPrefixTrigger || state.rerender || state.ignoreStartText?.length) return null;
  const tokens = state.contextText.tokenize(model.tokenizer);
  // A context shift (history compressed, or room made mid-answer) is LlamaChat's.
  if (tokens.length === 0 || tokens.length + sampling.maxTokens > contextSize - 1) return null;

  const textTriggers: string[] = [...(sampling.customStopTriggers ?? [])].filter((t) => t !== '');
  const tokenTriggers: Token[][] = [];
  for (const trigger of state.stopGenerationTriggers) {
    const parts = triggerParts(LlamaText(trigger), model);
    if (parts.length === 0) continue;
    if (parts.every((p) => typeof p === 'string')) textTriggers.push(parts.join(''));
    else if (parts.every((p) => typeof p === 'number')) tokenTriggers.push(parts);
    else return null;
  }
  return { tokens, textTriggers, tokenTriggers };
}

/** A stop trigger as LlamaChat's detector sees it: text, special tokens, or both. */
function triggerParts(text: LlamaText, model: LlamaModel): Array<string | Token> {
  const parts: Array<string | Token> = [];
  for (const value of text.values) {
    if (value === '') continue;
    if (typeof value === 'string') parts.push(value);
    else if (value instanceof SpecialToken) parts.push(...value.tokenize(model.tokenizer));
    else if (value instanceof SpecialTokensText) parts.push(...value.tokenizeSpecialTokensOnly(model.tokenizer));
  }
  // Adjacent text parts are one trigger text.
  const merged: Array<string | Token> = [];
  for (const p of parts) {
    if (typeof p === 'string' && typeof merged.at(-1) === 'string') merged[merged.length - 1] += p;
    else merged.push(p);
  }
  return merged;
}

/** Generates one plain answer into `onText`; the caller measures it through the sequence's token meter. */
export async function generatePlainAnswer(
  sequence: LlamaContextSequence,
  plan: PlainAnswerPlan,
  sampling: PlainSampling,
  signal: AbortSignal,
  onText: (text: string) => void,
): Promise<{ stopReason: PlainStopReason }> {
  const model = sequence.model;
  const input = await alignWithContext(sequence, plan.tokens);
  const customTriggers = new Set(sampling.customStopTriggers ?? []);
  const nl = model.tokens.nl;
  /** Answer tokens whose text was given out (LlamaChat's repeat-penalty window reads these). */
  const released: Token[] = [];
  /** Generated tokens whose text is held: a stop trigger may be starting. */
  let held: Array<{ token: Token; text: string }> = [];
  let partial: Token[] = [];
  // LlamaChat detokenizes an answer's first token on its own (a leading space is dropped), then with the answer's last tokens.
  let recent: Token[] = [];
  let generated = 0;
  let checkpointed = false;
  const release = (upTo: number, textEnd?: number) => {
    const out = held.slice(0, upTo);
    let text = out.map((h) => h.text).join('');
    if (textEnd !== undefined) text = text.slice(0, textEnd);
    if (text) onText(text);
    for (const h of out) released.push(h.token);
    held = held.slice(upTo);
  };

  // The engine built for this machine generates the whole answer on its own thread (nativeGenerate.ts);
  // its repeat penalty counts every answer token, where LlamaChat's counts those whose text was given out.
  const evaluation = canGenerateNatively(sequence)
    ? generateNatively(sequence, input, sampling)
    : sequence.evaluate(input, {
        ...librarySampling(sampling, () => released.slice(-PENALTY_WINDOW).filter((t) => t !== nl)),
        yieldEogToken: true,
      });
  let stopReason: PlainStopReason | null = null;
  for await (const token of evaluation) {
    generated++;
    if (!checkpointed && sequence.needsCheckpoints) {
      await sequence.takeCheckpoint();
      checkpointed = true;
    }
    if (model.isEogToken(token)) {
      if (partial.length)
        held.push(...partial.map((t, i) => ({ token: t, text: i === 0 ? model.detokenize(partial, false, recent) : '' })));
      stopReason = 'eogToken';
      break;
    }
    const tokens = partial.length ? [...partial, token] : [token];
    const text = model.detokenize(tokens, false, recent);
    if (text.endsWith(UNKNOWN_CHAR) && !model.isSpecialToken(token) && partial.length === 0) {
      // Half a character: decoded again with the next token.
      partial = tokens;
    } else {
      partial = [];
      recent = [...recent, ...tokens].slice(-DETOKENIZER_CONTEXT);
      for (const t of tokens.slice(0, -1)) held.push({ token: t, text: '' });
      held.push({ token, text });

      const tokenStop = matchTokenTriggers(plan.tokenTriggers, held);
      if (tokenStop.matched) {
        release(held.length - tokenStop.length);
        stopReason = 'stopGenerationTrigger';
        break;
      }
      const heldText = held.map((h) => h.text).join('');
      const textStop = firstTextTrigger(plan.textTriggers, heldText);
      if (textStop) {
        release(held.length, textStop.index);
        stopReason = customTriggers.has(textStop.trigger) ? 'customStopTrigger' : 'stopGenerationTrigger';
        break;
      }
      // Hold the tokens that may begin a trigger; give out the rest.
      release(held.length - Math.max(tokenStop.length, tokensCovering(held, partialTriggerLength(plan.textTriggers, heldText))));
    }
    if (generated >= sampling.maxTokens) {
      stopReason = 'maxTokens';
      break;
    }
    if (signal.aborted) {
      stopReason = 'abort';
      break;
    }
  }
  if (stopReason === null) stopReason = signal.aborted ? 'abort' : 'eogToken';
  // As LlamaChat: an end of generation gives out what was held; the answer limit and a stop drop it.
  if (stopReason === 'eogToken') release(held.length);
  if (sequence.needsCheckpoints) void sequence.takeCheckpoint();
  return { stopReason };
}

/**
 * Reuses the KV cache up to the first token that differs, as LlamaChat does; at least the last
 * prompt token is evaluated, since its logits give the first answer token.
 */
async function alignWithContext(sequence: LlamaContextSequence, tokens: Token[]): Promise<Token[]> {
  if (tokens.length === 1 && sequence.nextTokenIndex !== 0) {
    await sequence.eraseContextTokenRanges([{ start: 0, end: sequence.nextTokenIndex }]);
    return tokens;
  }
  await sequence.adaptStateToTokens(tokens.slice(0, -1), false);
  return tokens.slice(sequence.nextTokenIndex);
}

/** Whether the held tokens end with a token trigger, or how many of them may begin one. */
export function matchTokenTriggers(triggers: Token[][], held: Array<{ token: Token }>): { matched: boolean; length: number } {
  let longestStart = 0;
  for (const trigger of triggers) {
    for (let n = Math.min(trigger.length, held.length); n >= 1; n--) {
      const tail = held.slice(held.length - n);
      if (!tail.every((h, i) => h.token === trigger[i])) continue;
      if (n === trigger.length) return { matched: true, length: n };
      longestStart = Math.max(longestStart, n);
      break;
    }
  }
  return { matched: false, length: longestStart };
}

/** The earliest complete text trigger in the text. */
export function firstTextTrigger(triggers: string[], text: string): { index: number; trigger: string } | null {
  let best: { index: number; trigger: string } | null = null;
  for (const trigger of triggers) {
    const index = text.indexOf(trigger);
    if (index >= 0 && (best === null || index < best.index)) best = { index, trigger };
  }
  return best;
}

/** The longest end of the text that is the start of some trigger (held until it is decided). */
export function partialTriggerLength(triggers: string[], text: string): number {
  let longest = 0;
  for (const trigger of triggers) {
    for (let n = Math.min(trigger.length - 1, text.length); n > longest; n--) {
      if (text.endsWith(trigger.slice(0, n))) {
        longest = n;
        break;
      }
    }
  }
  return longest;
}

/** How many held tokens, from the end, carry the last `chars` characters of their text. */
function tokensCovering(held: Array<{ text: string }>, chars: number): number {
  if (chars === 0) return 0;
  let covered = 0;
  for (let i = held.length - 1; i >= 0; i--) {
    covered += held[i]!.text.length;
    if (covered >= chars) return held.length - i;
  }
  return held.length;
}
