// `npm run bench:quantize`: the largest generated bench model quantized to Q8_0 and Q4_K_M through
// Caliper's path (contract client → WebSocket → host → its own quantize process → header check →
// rename → lineage) and through a direct koffi call of llama_model_quantize in this process, the
// same threads, interleaved in one run. Caliper flushes the output to disk (fsync) before it
// renames and registers it; the direct side is timed to the same point (call + fsync), and the
// ratio without the direct side's fsync is printed too. The host's event-loop lag is sampled all
// along: the host must stay responsive while a quantization runs. Ends with the two lines the
// quantize issue asks for.
import { getLlama, LlamaLogLevel } from 'node-llama-cpp';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { builtEntryPoints } from '../../src/main/base/entryPoints';
import { createApp } from '../../src/main/composition';
import { findLibllama } from '../../src/main/engineProcess/host/quantize/libllamaPath';
import { bindQuantize } from '../../src/main/engineProcess/host/quantize/llamaQuantize';
import { defaultThreadCount } from '../../src/main/engineProcess/threads';
import { startTestHost } from '../../test/support/testHost';
import { FTYPE } from '../../src/main/services/quantize/quantTypes';
import type { QuantType } from '../../src/shared/contract';
import { ensureBenchModels } from '../../test/fixtures/benchModels';
import { buildIfNeeded, root } from '../lib/build.mjs';
import { sleep } from '../../src/shared/backoff';

const TYPES: QuantType[] = ['Q8_0', 'Q4_K_M'];
const ROUNDS = 2;

/** The largest gap between a 10 ms timer's due time and when it ran, as a host would feel it. */
function lagMonitor(): { stop(): number; phase(): number } {
  let max = 0;
  let phaseMax = 0;
  let expected = performance.now() + 10;
  const timer = setInterval(() => {
    const now = performance.now();
    max = Math.max(max, now - expected);
    phaseMax = Math.max(phaseMax, now - expected);
    expected = now + 10;
  }, 10);
  return {
    stop() {
      clearInterval(timer);
      return max;
    },
    /** The worst lag since the last call. */
    phase() {
      const m = phaseMax;
      phaseMax = 0;
      return m;
    },
  };
}


async function main(): Promise<void> {
  if (!buildIfNeeded({ quiet: true })) throw new Error('build failed');
  const models = await ensureBenchModels();
  const largest = models.reduce((a, b) => (b.sizeBytes > a.sizeBytes ? b : a));
  const llama = await getLlama({ gpu: 'auto', build: 'never', logLevel: LlamaLogLevel.error, maxThreads: 0 });
  const threads = defaultThreadCount(llama.cpuMathCores);
  const direct = bindQuantize(findLibllama(llama.gpu));

  const work = mkdtempSync(join(tmpdir(), 'caliper-bench-quantize-'));
  const modelsDir = join(work, 'models');
  mkdirSync(modelsDir);
  const source = join(modelsDir, `${largest.id}-F32.gguf`);
  copyFileSync(largest.path, source);
  const app = createApp({ appVersion: 'bench', shell: 'headless', dataDir: join(work, 'data'), modelsDir, entryPoints: builtEntryPoints(join(root, 'out', 'main')) });
  const server = await startTestHost(app, { rendererDir: join(root, 'out', 'renderer') });
  const client = await server.connect();

  console.log(`${largest.id} (${(largest.sizeBytes / 2 ** 20).toFixed(1)} MiB F32), ${threads} threads both paths, ${ROUNDS} rounds, interleaved\n`);
  const lag = lagMonitor();
  const totals = { caliper: 0, direct: 0, call: 0 };
  try {
    for (const type of TYPES) {
      const output = join(modelsDir, `${largest.id}-${type}.gguf`);
      const times = { caliper: [] as number[], direct: [] as number[], call: [] as number[] };
      const lags = { caliper: 0, direct: 0 };
      for (let round = 0; round < ROUNDS; round++) {
        // Caliper: the plan the user sees first (not timed), then start → done as the UI sees it.
        await client.quantize.plan({ sourcePath: source, type, threads });
        const events = await client.quantize.onDidChange();
        const library = await client.library.onDidChange();
        lag.phase();
        const started = performance.now();
        const job = await client.quantize.start({ sourcePath: source, type, threads });
        for await (const jobs of events) {
          const j = jobs.find((x) => x.id === job.id);
          if (!j || j.state === 'running') continue;
          if (j.state !== 'done') throw new Error(`quantization ${j.state}: ${j.error?.detail}`);
          break;
        }
        times.caliper.push(performance.now() - started);
        const size = statSync(output).size;
        if (size !== job.predictedBytes) throw new Error(`size ${size} ≠ predicted ${job.predictedBytes}`);
        // The library registers and hashes the new file in the background: part of the host's work
        // for a quantization, so it is waited for (and its lag counted) before the direct run.
        for await (const snapshot of library) if (snapshot.files.some((f) => f.path === output && f.sha256)) break;
        lags.caliper = Math.max(lags.caliper, lag.phase());
        await client.library.delete({ path: output });
        await client.quantize.remove({ id: job.id });
        // The library notices the deletion (watcher, rescan): host work of this round, not the next phase.
        await sleep(1500);
        lags.caliper = Math.max(lags.caliper, lag.phase());

        // Direct: the same call in this process.
        const directOut = join(work, `direct-${type}.gguf`);
        lag.phase();
        const t0 = performance.now();
        const rc = await direct.quantize(source, directOut, { nthread: threads, ftype: FTYPE[type], allowRequantize: false, dryRun: false, imatrix: null });
        times.call.push(performance.now() - t0);
        const handle = await open(directOut, 'r');
        await handle.sync();
        await handle.close();
        times.direct.push(performance.now() - t0);
        lags.direct = Math.max(lags.direct, lag.phase());
        if (rc !== 0) throw new Error(`direct quantize returned ${rc}`);
        if (statSync(directOut).size !== size) throw new Error('direct and Caliper outputs differ in size');
        rmSync(directOut);
      }
      const best = (xs: number[]) => Math.min(...xs);
      totals.caliper += best(times.caliper);
      totals.direct += best(times.direct);
      totals.call += best(times.call);
      const s = (xs: number[]) => `${(best(xs) / 1000).toFixed(2)} s`;
      console.log(
        `${type.padEnd(7)} Caliper ${s(times.caliper)}   direct ${s(times.direct)} (call ${s(times.call)} + fsync)   ` +
          `best of ${ROUNDS}; host lag while running ${Math.round(lags.caliper)} / ${Math.round(lags.direct)} ms`,
      );
    }
  } finally {
    const maxLag = lag.stop();
    await server.close();
    await app.dispose();
    rmSync(work, { recursive: true, force: true });
    console.log('');
    console.log(`(direct call alone, without its fsync: ${(totals.call / totals.caliper).toFixed(2)})`);
    console.log(`quantize path / direct: ${(totals.direct / totals.caliper).toFixed(2)}`);
    console.log(`host event-loop lag max: ${Math.round(maxLag)} ms`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
