import type { QualityCall, QualityOutcome, QualityPhase } from '../protocol';
import type { Llama, LlamaContextSequence, LlamaModel, Token } from 'node-llama-cpp';
import { performance } from 'node:perf_hooks';

/**
 * Perplexity and KL divergence of a file against a reference, from full next-token distributions
 * (`controlledEvaluate` with probabilities at temperature 0 is the softmax over the whole
 * vocabulary). The reference runs first and its log-probabilities are kept per position, so only
 * one model is in memory at a time; positions are capped so that store stays under ~128 MB.
 */

const MAX_STORED_FLOATS = 32 * 1024 * 1024;
/** Positions evaluated per call: the returned Maps are turned into arrays before the next chunk. */
const CHUNK = 32;
const SPEED_TOKENS = 32;
/** float32 probabilities can underflow to 0; a floor keeps the logs finite. */
const MIN_P = 1e-30;

export async function measureQuality(
  llama: Llama,
  call: QualityCall,
  onProgress: (phase: QualityPhase, done: number, total: number) => void,
): Promise<QualityOutcome> {
  const reference = await llama.loadModel({ modelPath: call.referencePath, gpuLayers: 0 });
  let tokens: Token[];
  let refLogs: Float32Array[];
  let refTop: Int32Array;
  try {
    const all = reference.tokenize(call.text);
    const bos = reference.tokens.bos;
    const nVocab = vocabularySize(reference);
    const cap = Math.max(2, Math.min(call.maxTokens, Math.floor(MAX_STORED_FLOATS / nVocab)) + 1);
    tokens = [...(bos === null ? [] : [bos]), ...all].slice(0, cap);
    if (tokens.length < 2) throw new Error('the text is too short to score');
    refLogs = [];
    refTop = new Int32Array(tokens.length - 1);
    await scorePositions(reference, tokens, call.threads, (i, probs) => {
      const logs = new Float32Array(nVocab).fill(Math.log(MIN_P));
      let top = -1;
      for (const [t, p] of probs) {
        if (t < nVocab) logs[t] = Math.log(Math.max(p, MIN_P));
        if (top < 0) top = t; // the Map is sorted by probability, highest first
      }
      refLogs[i] = logs;
      refTop[i] = top;
      onProgress('reference', i + 1, tokens.length - 1);
    });
  } finally {
    await reference.dispose();
  }

  const measured = await llama.loadModel({ modelPath: call.path, gpuLayers: 0 });
  try {
    let kl = 0;
    let nll = 0;
    let refNll = 0;
    let agree = 0;
    await scorePositions(measured, tokens, call.threads, (i, probs) => {
      const ref = refLogs[i]!;
      const next = tokens[i + 1]!;
      // Stored like the reference (float32 logs), so identical predictions give exactly 0.
      const logQ = new Float32Array(ref.length).fill(Math.log(MIN_P));
      let top = -1;
      for (const [t, p] of probs) {
        if (t < logQ.length) logQ[t] = Math.log(Math.max(p, MIN_P));
        if (top < 0) top = t;
      }
      for (let t = 0; t < ref.length; t++) {
        const lp = ref[t]!;
        if (lp > -60) kl += Math.exp(lp) * (lp - logQ[t]!);
      }
      nll -= logQ[next] ?? Math.log(MIN_P);
      refNll -= ref[next] ?? Math.log(MIN_P);
      if (top === refTop[i]) agree++;
      onProgress('measured', i + 1, tokens.length - 1);
    });
    const n = tokens.length - 1;
    const tokensPerSecond = await generationSpeed(measured, tokens.slice(0, 8), call.threads, (d) => onProgress('speed', d, SPEED_TOKENS));
    return {
      tokens: n,
      perplexity: Math.exp(nll / n),
      referencePerplexity: Math.exp(refNll / n),
      // Rounding can make an identical model's sum a hair below 0.
      klDivergence: Math.max(0, kl / n),
      topTokenAgreement: agree / n,
      tokensPerSecond,
    };
  } finally {
    await measured.dispose();
  }
}

async function scorePositions(
  model: LlamaModel,
  tokens: Token[],
  threads: number,
  onPosition: (index: number, probabilities: Map<Token, number>) => void,
): Promise<void> {
  const context = await model.createContext({ contextSize: Math.max(256, Math.ceil((tokens.length + 8) / 256) * 256), threads });
  try {
    const sequence: LlamaContextSequence = context.getSequence();
    for (let start = 0; start < tokens.length - 1; start += CHUNK) {
      const chunk = tokens.slice(start, Math.min(start + CHUNK, tokens.length - 1));
      const results = await sequence.controlledEvaluate(chunk.map((t) => [t, { generateNext: { probabilities: true } }]));
      results.forEach((r, j) => {
        const probs = r?.next.probabilities;
        if (!probs) throw new Error(`no probabilities at position ${start + j}`);
        onPosition(start + j, probs);
      });
    }
  } finally {
    await context.dispose();
  }
}

/** Greedy tokens per second after the first (the first belongs to the prompt), as chat reports it. */
async function generationSpeed(model: LlamaModel, prompt: Token[], threads: number, onToken: (done: number) => void): Promise<number | null> {
  const context = await model.createContext({ contextSize: 256, threads });
  try {
    const sequence = context.getSequence();
    let count = 0;
    let firstAt = 0;
    for await (const _token of sequence.evaluate(prompt, { temperature: 0, yieldEogToken: true })) {
      count++;
      if (count === 1) firstAt = performance.now();
      onToken(count);
      if (count >= SPEED_TOKENS) break;
    }
    const seconds = (performance.now() - firstAt) / 1000;
    return count > 1 && seconds > 0 ? (count - 1) / seconds : null;
  } finally {
    await context.dispose();
  }
}

function vocabularySize(model: LlamaModel): number {
  const tokens: unknown = model.fileInfo.metadata.tokenizer?.ggml?.tokens;
  return Array.isArray(tokens) ? tokens.length : 32_000;
}
