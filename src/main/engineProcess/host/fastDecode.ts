import { LlamaContext, TokenMeter } from 'node-llama-cpp';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

/**
 * A shorter path for the decode every generated token needs. node-llama-cpp sends each decode
 * through its batching machinery (a queue, a prioritisation strategy, thread reservations, timers,
 * per-item bookkeeping) built for many sequences sharing a context; for one token of one sequence
 * that machinery cost more main-thread time per token than the sampling and the IPC together
 * (measured with a CPU profile of the engine process). Caliper's contexts hold one sequence, so
 * when a decode is a single token with its logits, nothing else is queued and no batch is being
 * dispatched, it is decoded here directly, under the same context lock, with the same token meter
 * accounting, thread setting, disposal guard and after-batch action; anything else goes the
 * library's way.
 *
 * This replaces a private method (`LlamaContext#_decodeTokens`) and is installed only for the
 * node-llama-cpp version it was written against (pinned in package.json); tests compare its
 * tokens, meters and context state with the library's own path.
 */

export const FAST_DECODE_VERSION = '3.21.1';

type Lock = <T>(scope: readonly unknown[], fn: () => Promise<T>) => Promise<T>;

interface DecodeItem {
  sequenceId: number;
  firstTokenSequenceIndex: number;
  tokens: number[];
  logits: Array<boolean | undefined>;
  tokenMeter: unknown;
  afterBatchAction?: (sequenceStateLength: number) => void | Promise<void>;
}

type LogitMapper = (batchLogitIndex: number, tokenIndex: number) => unknown;

interface ContextInternals {
  _decodeTokens(item: DecodeItem, mapper: LogitMapper): Promise<Array<[number, unknown]>>;
  _queuedDecodes: unknown[];
  _batchDispatchPending: boolean;
  _dispatchDecodeScheduled: boolean;
  _idealThreads: number;
  _llama: { gpu: string | false; maxThreads: number };
  _ctx: {
    initBatch(size: number): void;
    addToBatch(sequenceId: number, firstTokenIndex: number, tokens: Uint32Array, logitIndexes: Uint32Array): Uint32Array;
    decodeBatch(): Promise<void>;
    setThreads(threads: number): void;
  };
  _backendContextDisposeGuard: { createPreventDisposalHandle(): { dispose(): void } };
  _ensureNotDisposed(): void;
}

const LOGIT_OF_FIRST = Uint32Array.of(0);
let original: ContextInternals['_decodeTokens'] | null = null;
/** Decodes taken by each path since installing (for tests and profiling). */
export const fastDecodeCounts = { fast: 0, library: 0 };

let lockPromise: Promise<Lock> | null = null;
/**
 * The lock scopes node-llama-cpp uses are keyed in lifecycle-utils' module state, so the lock must
 * come from the very module instance node-llama-cpp imported (resolved from its own folder, loaded
 * at run time rather than bundled into the engine host).
 */
export function libraryLock(): Promise<Lock> {
  lockPromise ??= (async () => {
    const fromLibrary = createRequire(createRequire(import.meta.url).resolve('node-llama-cpp'));
    const url = pathToFileURL(fromLibrary.resolve('lifecycle-utils')).href;
    const module = (await import(/* @vite-ignore */ url)) as { withLock: Lock };
    return module.withLock;
  })();
  return lockPromise;
}

/** Installs the short path; returns false (and changes nothing) for another node-llama-cpp version. */
export async function installFastDecode(version: string): Promise<boolean> {
  if (original) return true;
  if (version !== FAST_DECODE_VERSION) return false;
  const proto = LlamaContext.prototype as unknown as ContextInternals;
  if (typeof proto._decodeTokens !== 'function') return false;
  const withLock = await libraryLock();
  const libraryPath = proto._decodeTokens;
  original = libraryPath;
  const useTokens = (TokenMeter as unknown as { useTokens(meters: unknown, tokens: number, type: 'input' | 'output'): void }).useTokens;

  proto._decodeTokens = function (this: ContextInternals, item: DecodeItem, mapper: LogitMapper) {
    const simple =
      item.tokens.length === 1 &&
      item.logits.length === 1 &&
      item.logits[0] === true &&
      this._queuedDecodes.length === 0 &&
      !this._batchDispatchPending &&
      !this._dispatchDecodeScheduled &&
      // Vulkan decodes take a process-wide lock in the library; an unlimited thread budget means no waiting for threads.
      this._llama.gpu !== 'vulkan' &&
      this._llama.maxThreads === 0;
    if (!simple) {
      fastDecodeCounts.library++;
      return libraryPath.call(this, item, mapper);
    }
    fastDecodeCounts.fast++;
    return withLock([this, 'context'], async () => {
      this._ensureNotDisposed();
      const preventDisposal = this._backendContextDisposeGuard.createPreventDisposalHandle();
      try {
        this._ctx.initBatch(1);
        useTokens(item.tokenMeter, 1, 'output');
        const [logitIndex] = this._ctx.addToBatch(item.sequenceId, item.firstTokenSequenceIndex, Uint32Array.of(item.tokens[0]!), LOGIT_OF_FIRST);
        this._ctx.setThreads(this._idealThreads);
        await this._ctx.decodeBatch();
        const value = await mapper(logitIndex!, item.firstTokenSequenceIndex);
        // The library passes the sequence length after the batch plus one.
        await item.afterBatchAction?.(item.firstTokenSequenceIndex + 2);
        return [[item.firstTokenSequenceIndex, value]];
      } finally {
        preventDisposal.dispose();
      }
    });
  };
  return true;
}

/** Puts the library's own path back (tests compare both). */
export function uninstallFastDecode(): void {
  if (!original) return;
  (LlamaContext.prototype as unknown as ContextInternals)._decodeTokens = original;
  original = null;
}
