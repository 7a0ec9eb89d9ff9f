import { getLlama, LlamaLogLevel } from 'node-llama-cpp';
import { setPriority } from 'node:os';
import { stat } from 'node:fs/promises';
import type { QuantizeCall, QuantizeMessage, QuantizeReply } from '../../quantizeProtocol';
import { readGgufHeader } from '../../../gguf/readGgufHeader';
import { readImatrix } from './imatrix';
import { findLibllama } from './libllamaPath';
import { bindQuantize, type LlamaQuantize } from './llamaQuantize';
import { QuantizeLog } from './quantizeLog';
import { predictOutputBytes } from './predictSize';

/**
 * The quantize process: one job (a dry run, then the real run), then it is ended. llama.cpp's
 * quantizer has no cancel and can abort on a hostile file, so it never runs in the host.
 */

// While a model is loaded (QuantizeService decides at spawn), the lowest CPU priority, set before
// any thread starts: llama.cpp's workers inherit it, so the chat keeps its cores and the
// quantization takes what is left. With nothing loaded it runs at normal priority, at full speed.
if (process.env.CALIPER_QUANTIZE_PRIORITY === 'low') {
  try {
    setPriority(19);
  } catch {
    // Not permitted here: the thread count alone has to keep chat responsive.
  }
}

interface Channel {
  send(m: QuantizeMessage): void;
  onMessage(l: (m: QuantizeCall) => void): void;
}

function channel(): Channel {
  const parentPort = (process as unknown as { parentPort?: { postMessage(m: unknown): void; on(e: 'message', l: (e: { data: unknown }) => void): void } }).parentPort;
  if (parentPort) return { send: (m) => parentPort.postMessage(m), onMessage: (l) => parentPort.on('message', (e) => l(e.data as QuantizeCall)) };
  if (!process.send) throw new Error('quantizeHost must be started by QuantizeService');
  return { send: (m) => process.send?.(m), onMessage: (l) => process.on('message', (m) => l(m as QuantizeCall)) };
}

// Past a file-size limit (ulimit -f, some network file systems) the kernel sends SIGXFSZ, which
// kills silently; handled, the write fails with EFBIG and llama.cpp reports it like a full disk.
process.on('SIGXFSZ', () => undefined);

const TENSOR_DELAY_MS = Number(process.env.CALIPER_QUANTIZE_TENSOR_DELAY_MS ?? 0);
const sleeper = new Int32Array(new SharedArrayBuffer(4));

const parent = channel();
let binding: LlamaQuantize | null = null;
let current: QuantizeLog | null = null;

async function bind(): Promise<LlamaQuantize> {
  // node-llama-cpp chooses the platform/GPU variant and loads its libllama with the ggml backends;
  // koffi then binds to that same library.
  const llama = await getLlama({ gpu: 'auto', build: 'never', logLevel: LlamaLogLevel.error, maxThreads: 0 });
  const path = findLibllama(llama.gpu);
  const b = bindQuantize(path);
  b.onLog((level, text) => {
    current?.push(level, text);
    // Test seam: llama.cpp waits for this callback, so a pause per tensor makes a tiny model's
    // quantization last long enough to watch, cancel or kill halfway.
    if (TENSOR_DELAY_MS > 0 && current && /^\[\s*\d+\//.test(text)) Atomics.wait(sleeper, 0, 0, TENSOR_DELAY_MS);
  });
  parent.send({ type: 'ready', libllama: path });
  return b;
}

const ready = bind();
let queue: Promise<unknown> = Promise.resolve();

parent.onMessage((call) => {
  queue = queue.then(() =>
    run(call).then(
      (reply) => parent.send(reply),
      (error: unknown) => parent.send({ id: call.id, type: 'error', kind: 'failed', detail: String(error).slice(0, 500) }),
    ),
  );
});

async function run(call: QuantizeCall): Promise<QuantizeReply> {
  binding ??= await ready;
  let lastSent = 0;
  const log = new QuantizeLog((done, total) => {
    // At most ~10 messages a second: a model has thousands of small tensors.
    const now = Date.now();
    if (now - lastSent < 100 && done !== total) return;
    lastSent = now;
    parent.send({ id: call.id, type: 'progress', done, total });
  });
  current = log;
  const imatrix = call.imatrixPath ? binding.imatrix(readImatrix(call.imatrixPath)) : null;
  const rc = await binding.quantize(call.source, call.output, {
    nthread: call.threads,
    ftype: call.ftype,
    allowRequantize: call.allowRequantize,
    dryRun: call.dryRun,
    imatrix,
  });
  current = null;
  if (rc !== 0) {
    const reason = log.reason();
    const unsupported = /unknown model architecture|invalid output file type|requantiz|not supported|no tensor type fallback|requires an imatrix/i;
    return { id: call.id, type: 'error', kind: unsupported.test(reason) ? 'unsupported' : 'failed', detail: reason };
  }
  const fallbackTensors = log.fallbackTensors;
  if (call.dryRun) {
    return { id: call.id, type: 'done', bytes: predictOutputBytes(readGgufHeader(call.source), log.targets), fallbackTensors };
  }
  return { id: call.id, type: 'done', bytes: (await stat(call.output)).size, fallbackTensors };
}

process.on('disconnect', () => process.exit(0));
