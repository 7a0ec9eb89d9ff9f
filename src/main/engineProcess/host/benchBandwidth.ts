import { availableParallelism, totalmem } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { BandwidthOutcome } from '../protocol';

/**
 * The machine's memory read bandwidth: every core streams through a buffer of its own, far larger
 * than any cache, at the same moment; bandwidth = bytes read by all / (last finish − first start),
 * the best of a few rounds. The reading loop is a tiny WebAssembly SIMD function, so one core issues
 * loads faster than DRAM delivers them and the number is the memory's, not the loop's; and it needs
 * no compiler on the user's machine.
 * Runs in an engine process started for it, in worker threads it ends afterwards.
 */

const PAGE = 65_536;
/** The first page is left alone (address 0 and the module's own use). */
const BASE = PAGE;
const MiB = 1024 * 1024;

/**
 * `read(start, end, passes) -> i64`: sums [start, end) as 128-bit vectors `passes` times, two
 * cache lines per iteration into four accumulators (16-byte SIMD loads: scalar 8-byte loads top
 * out below what llama.cpp's own kernels draw from memory on one core).
 */
export function readLoopWasm(): Uint8Array {
  const uleb = (n: number): number[] => {
    const out: number[] = [];
    do {
      let byte = n & 0x7f;
      n >>>= 7;
      if (n !== 0) byte |= 0x80;
      out.push(byte);
    } while (n !== 0);
    return out;
  };
  const section = (id: number, body: number[]) => [id, ...uleb(body.length), ...body];
  const get = (i: number) => [0x20, i];
  const set = (i: number) => [0x21, i];
  const simd = (op: number) => [0xfd, ...uleb(op)];
  const [V128_LOAD, I32X4_ADD, I64X2_EXTRACT_LANE] = [0x00, 0xae, 0x1d];
  const [START, END, PASSES, P, PASS, A] = [0, 1, 2, 3, 4, 5];
  const loads: number[] = [];
  for (let k = 0; k < 8; k++) {
    const acc = A + (k % 4);
    // acc = i32x4.add(acc, v128.load align=16 offset=k*16 (p))
    loads.push(...get(acc), ...get(P), ...simd(V128_LOAD), 4, ...uleb(k * 16), ...simd(I32X4_ADD), ...set(acc));
  }
  const code = [
    0x03, 0x40, // loop $passes
    ...get(START), ...set(P),
    0x02, 0x40, // block $done
    0x03, 0x40, // loop $lines
    ...get(P), ...get(END), 0x4f, 0x0d, 0x01, // p >= end → br $done
    ...loads,
    ...get(P), 0x41, 0x80, 0x01, 0x6a, ...set(P), // p += 128
    0x0c, 0x00, // br $lines
    0x0b, // end loop
    0x0b, // end block
    ...get(PASS), 0x41, 0x01, 0x6a, 0x22, PASS, // pass += 1 (tee)
    ...get(PASSES), 0x49, 0x0d, 0x00, // pass < passes → br $passes
    0x0b, // end loop
    ...get(A), ...get(A + 1), ...simd(I32X4_ADD), ...get(A + 2), ...simd(I32X4_ADD), ...get(A + 3), ...simd(I32X4_ADD),
    ...simd(I64X2_EXTRACT_LANE), 0,
    0x0b, // end function
  ];
  const locals = [0x02, 0x02, 0x7f, 0x04, 0x7b]; // 2 × i32 (p, pass), 4 × v128 accumulators
  const body = [...locals, ...code];
  const bytes = [
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [0x01, 0x60, 0x03, 0x7f, 0x7f, 0x7f, 0x01, 0x7e]), // (i32, i32, i32) -> i64
    ...section(3, [0x01, 0x00]),
    ...section(5, [0x01, 0x00, 0x01]), // one memory, at least one page
    ...section(7, [0x02, 0x04, 0x72, 0x65, 0x61, 0x64, 0x00, 0x00, 0x03, 0x6d, 0x65, 0x6d, 0x02, 0x00]), // "read", "mem"
    ...section(10, [0x01, ...uleb(body.length), ...body]),
  ];
  return Uint8Array.from(bytes);
}

// A plain script (an eval'd worker is CommonJS): no file to ship or find beside the bundle.
const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
const { wasm, bytes, base, control } = workerData;
const instance = new WebAssembly.Instance(new WebAssembly.Module(wasm));
const mem = instance.exports.mem;
mem.grow(Math.ceil((base + bytes) / 65536));
// Touch every page first, so the timed rounds read memory rather than fault it in.
new BigInt64Array(mem.buffer, base, bytes / 8).fill(1n);
const flags = new Int32Array(control);
parentPort.postMessage({ ready: true });
for (let round = 0; ; round++) {
  Atomics.wait(flags, 0, round);
  if (Atomics.load(flags, 1) === 1) break;
  const start = performance.timeOrigin + performance.now();
  instance.exports.read(base, base + bytes, 2);
  const end = performance.timeOrigin + performance.now();
  parentPort.postMessage({ round, start, end });
}
`;

export async function measureBandwidth(options: { threads?: number; bytesPerThread?: number; rounds?: number } = {}): Promise<BandwidthOutcome> {
  const threads = Math.max(1, options.threads ?? availableParallelism());
  const perThread =
    options.bytesPerThread ?? Math.max(64 * MiB, Math.min(512 * MiB, Math.floor(totalmem() / 16 / threads / MiB) * MiB));
  const bytes = Math.floor(perThread / 128) * 128;
  const rounds = options.rounds ?? 5;
  const control = new SharedArrayBuffer(8);
  const flags = new Int32Array(control);
  const wasm = readLoopWasm();
  const workers = Array.from(
    { length: threads },
    () => new Worker(WORKER_SOURCE, { eval: true, workerData: { wasm, bytes, base: BASE, control } }),
  );
  const inbox = workers.map(() => [] as Array<{ ready?: boolean; round?: number; start?: number; end?: number }>);
  const waiters: Array<() => void> = [];
  workers.forEach((w, i) =>
    w.on('message', (m: (typeof inbox)[number][number]) => {
      inbox[i]!.push(m);
      waiters.splice(0).forEach((wake) => wake());
    }),
  );
  const failed = new Promise<never>((_, reject) => workers.forEach((w) => w.once('error', reject)));
  const until = async (ok: () => boolean) => {
    while (!ok()) await Promise.race([new Promise<void>((wake) => waiters.push(wake)), failed]);
  };
  try {
    await until(() => inbox.every((box) => box.some((m) => m.ready)));
    let best = 0;
    for (let round = 0; round < rounds; round++) {
      Atomics.store(flags, 0, round + 1);
      Atomics.notify(flags, 0);
      await until(() => inbox.every((box) => box.some((m) => m.round === round)));
      const marks = inbox.map((box) => box.find((m) => m.round === round)!);
      const span = (Math.max(...marks.map((m) => m.end!)) - Math.min(...marks.map((m) => m.start!))) / 1000;
      best = Math.max(best, (threads * bytes * 2) / span);
    }
    return { bytesPerSecond: best, threads, bufferBytes: threads * bytes };
  } finally {
    Atomics.store(flags, 1, 1);
    Atomics.store(flags, 0, rounds + 1);
    Atomics.notify(flags, 0);
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
