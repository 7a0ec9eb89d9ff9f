import { TokenMeter, type LlamaContextSequence, type Token } from 'node-llama-cpp';
import { CALIPER_ADDON_REVISION } from '../nativeBuildLayout';
import { FAST_DECODE_VERSION, libraryLock } from './fastDecode';
import { nodeLlamaCppVersion } from './llamaRuntime';

/**
 * A plain answer's tokens from Caliper's generation loop in the engine built for this machine
 * (resources/engine-addon/caliperGenerate.cpp): one worker thread decodes and samples token after
 * token without waiting for this thread, which reads the tokens as they arrive. node-llama-cpp's
 * `sequence.evaluate` comes back to this thread after every decode and every sampling, and the
 * next decode waits for it: about 280 µs a token on the bench model here, a fifth of its time
 * (docs/ARCHITECTURE.md, "Engine speed").
 *
 * The loop writes the tokens it decodes into the sequence's KV cache; when the reader stops, the
 * sequence's own record of its tokens, position and token meter is brought up to date with what
 * was decoded, as node-llama-cpp's decode does. It reads and writes private fields of
 * `LlamaContextSequence`, so it is used only with the node-llama-cpp version it was written
 * against (pinned in package.json) and only where nothing else shares the context: one sequence,
 * no checkpoints, no token predictions, no Vulkan (whose decodes take a process-wide lock).
 */

interface NativeRun {
  stop(): void;
  done: Promise<{ decoded: number; reason: 'eog' | 'maxTokens' | 'stopped' }>;
}

interface AddonSampler {
  applyConfig(config: unknown): void;
  dispose(): void;
}

interface Bindings {
  caliperGenerate?: (
    context: unknown,
    sampler: AddonSampler,
    options: {
      sequenceId: number;
      position: number;
      tokens: Uint32Array;
      maxTokens: number;
      noPenaltyToken: number;
      deliverEveryMs: number;
    },
    onTokens: (tokens: Uint32Array) => void,
  ) => NativeRun;
  caliperGenerateRevision?: number;
  AddonSampler: new (model: unknown) => AddonSampler;
}

interface SequenceInternals {
  _sequenceId: number;
  _contextTokens: Token[];
  _nextTokenIndex: number;
  _tokenMeter: TokenMeter;
  _loadedTokenPredictions: unknown[];
  _tokenPredictor?: unknown;
  _resolveSamplerConfig(options: Record<string, unknown>): unknown;
  _context: {
    _ctx: { setThreads(threads: number): void };
    _idealThreads: number;
    _totalSequences: number;
    _llama: { gpu: string | false; maxThreads: number; _bindings: Bindings };
    _backendContextDisposeGuard: { createPreventDisposalHandle(): { dispose(): void } };
    _ensureNotDisposed(): void;
  };
  model: { _model: unknown; tokens: { nl: Token | null } };
}

export interface NativeSampling {
  maxTokens: number;
  temperature: number;
  topK: number;
  topP: number;
  minP: number;
  seed: number | undefined;
  repeatPenalty: false | { penalty: number; presencePenalty?: number; frequencyPenalty?: number };
}

const useTokens = (TokenMeter as unknown as { useTokens(meter: TokenMeter, tokens: number, type: 'input' | 'output'): void }).useTokens;

/**
 * Tokens after the first reach this thread in groups at most this often, the interval at which the
 * host batches text for the window anyway: each handover wakes the thread, which then competes with
 * the compute threads for the cores. A stop string is seen at most this much later (the tokens
 * decoded meanwhile stay recorded in the cache). Through the whole app at 2 threads (Q4_K_M, three
 * interleaved rounds): 8 ms 628 tok/s on average, 16 ms 672, 32 ms 672; within the noise, so the
 * host's interval.
 */
const DELIVER_EVERY_MS = 16;

/** LlamaChat's default repeat-penalty window: the last 64 answer tokens. */
export const PENALTY_WINDOW = 64;

/** These settings as node-llama-cpp's sampling options, the repeat penalty over `punishTokens`. */
export function librarySampling(sampling: NativeSampling, punishTokens: Token[] | (() => Token[])) {
  return {
    temperature: sampling.temperature,
    minP: sampling.minP,
    topK: sampling.topK,
    topP: sampling.topP,
    seed: sampling.seed,
    repeatPenalty: sampling.repeatPenalty ? { ...sampling.repeatPenalty, punishTokens, maxPunishTokens: PENALTY_WINDOW } : undefined,
  };
}

/** Whether this sequence's answers can come from the native loop (CALIPER_NATIVE_GENERATE=0 turns it off). */
export function canGenerateNatively(sequence: LlamaContextSequence): boolean {
  const s = sequence as unknown as SequenceInternals;
  const context = s._context;
  return (
    process.env.CALIPER_NATIVE_GENERATE !== '0' &&
    typeof context._llama._bindings.caliperGenerate === 'function' &&
    context._llama._bindings.caliperGenerateRevision === CALIPER_ADDON_REVISION &&
    nodeLlamaCppVersion() === FAST_DECODE_VERSION &&
    context._totalSequences === 1 &&
    !sequence.needsCheckpoints &&
    s._tokenPredictor == null &&
    s._loadedTokenPredictions.length === 0 &&
    context._llama.gpu !== 'vulkan' &&
    context._llama.maxThreads === 0
  );
}

/**
 * Evaluates `input` (the prompt tokens not yet in the KV cache, at least one) and yields the answer's
 * tokens, the end-of-generation token included, up to `maxTokens`. Stopping the iteration stops the
 * loop. `deliverEveryMs` 0 hands over every token as it comes.
 */
export async function* generateNatively(
  sequence: LlamaContextSequence,
  input: Token[],
  sampling: NativeSampling,
  deliverEveryMs = DELIVER_EVERY_MS,
): AsyncGenerator<Token> {
  const s = sequence as unknown as SequenceInternals;
  const context = s._context;
  const generate = context._llama._bindings.caliperGenerate!;
  const withLock = await libraryLock();
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await new Promise<void>((acquired) => {
    void withLock([context, 'context'], async () => {
      acquired();
      await released;
    });
  });
  let preventDisposal: { dispose(): void } | null = null;
  let sampler: AddonSampler | null = null;
  let run: NativeRun | null = null;
  const received: Token[] = [];
  let read = 0;
  let wake: (() => void) | null = null;
  let finished = false;
  let failure: unknown = null;
  let lost = false;
  try {
    context._ensureNotDisposed();
    preventDisposal = context._backendContextDisposeGuard.createPreventDisposalHandle();
    sampler = new context._llama._bindings.AddonSampler(s.model._model);
    sampler.applyConfig(s._resolveSamplerConfig(librarySampling(sampling, [])));
    context._ctx.setThreads(context._idealThreads);
    run = generate(
      context._ctx,
      sampler,
      {
        sequenceId: s._sequenceId,
        position: s._nextTokenIndex,
        tokens: Uint32Array.from(input),
        maxTokens: sampling.maxTokens,
        noPenaltyToken: s.model.tokens.nl ?? -1,
        deliverEveryMs,
      },
      (tokens) => {
        for (const t of tokens) received.push(t as Token);
        wake?.();
      },
    );
    run.done.then(
      () => {
        finished = true;
        wake?.();
      },
      (error: unknown) => {
        failure = error;
        finished = true;
        wake?.();
      },
    );
    for (;;) {
      while (read < received.length) yield received[read++]!;
      if (finished) break;
      await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
    }
    if (failure) throw failure;
  } finally {
    if (run) {
      run.stop();
      const decoded = await run.done.then(
        (r) => r.decoded,
        (error: unknown) => (error as { decoded?: number }).decoded ?? 0,
      );
      // What the loop put into the KV cache: the input, then every answer token but the last.
      const inputDecoded = Math.min(decoded, input.length);
      const answerDecoded = decoded - inputDecoded;
      lost = received.length < answerDecoded;
      s._contextTokens = s._contextTokens.concat(input.slice(0, inputDecoded), received.slice(0, answerDecoded));
      s._nextTokenIndex += decoded;
      // As node-llama-cpp counts a batch: tokens whose logits were asked for are output, the rest input.
      const inputOnly = inputDecoded === input.length ? input.length - 1 : inputDecoded;
      useTokens(s._tokenMeter, inputOnly, 'input');
      useTokens(s._tokenMeter, decoded - inputOnly, 'output');
    }
    sampler?.dispose();
    preventDisposal?.dispose();
    release();
  }
  if (lost) throw new Error('the generation loop decoded tokens it did not report');
}
