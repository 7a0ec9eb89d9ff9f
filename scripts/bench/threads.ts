// `npm run bench:threads`: for each generated model, generation speed at every thread count from 1
// to the machine's cores (and the library's default of 4), then the speed of Caliper's default
// choice over the best measured. Run on an otherwise idle machine; numbers are ratios within one run.
import { getLlama, LlamaLogLevel, type Llama, type LlamaModel } from 'node-llama-cpp';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { defaultThreadCount } from '../../src/main/engineProcess/threads';
import { ensureFixtures } from '../../test/fixtures/generate';

const TOKENS = 96;
const ROUNDS = 3;

/** More threads than cores is 100× slower here: a few tokens tell enough. */
async function msPerToken(model: LlamaModel, threads: number): Promise<number> {
  const oversubscribed = threads > cpus().length;
  const tokens = oversubscribed ? 6 : TOKENS;
  const rounds = oversubscribed ? 1 : ROUNDS;
  const context = await model.createContext({ contextSize: 512, threads });
  try {
    const sequence = context.getSequence();
    const prompt = model.tokenize('The quick brown fox');
    let best = Infinity;
    for (let round = 0; round < rounds; round++) {
      sequence.eraseContextTokenRanges([{ start: 0, end: sequence.nextTokenIndex }]);
      let count = 0;
      let start = 0;
      for await (const _token of sequence.evaluate(prompt, { temperature: 0 })) {
        // Time from the first generated token on: prompt evaluation is not what threads change most.
        if (count === 0) start = performance.now();
        if (++count > tokens) break;
      }
      best = Math.min(best, (performance.now() - start) / tokens);
    }
    return best;
  } finally {
    await context.dispose();
  }
}

async function main(): Promise<void> {
  // maxThreads 0: a context's `threads` is exactly what it uses.
  const llama: Llama = await getLlama({ gpu: false, build: 'never', logLevel: LlamaLogLevel.error, maxThreads: 0 });
  const chosen = defaultThreadCount(llama.cpuMathCores);
  const counts = [...new Set([...Array.from({ length: cpus().length }, (_, i) => i + 1), 4])].sort((a, b) => a - b);
  console.log(`math cores ${llama.cpuMathCores}, logical cores ${cpus().length}; Caliper's default: ${chosen} thread(s)`);
  console.log(`thread counts tried: ${counts.join(', ')} (4 is node-llama-cpp's default here)\n`);

  const fixtures = await ensureFixtures();
  const ratios: number[] = [];
  for (const fixture of fixtures.models) {
    const model = await llama.loadModel({ modelPath: fixture.path, gpuLayers: 0 });
    const results = new Map<number, number>();
    for (const t of counts) results.set(t, await msPerToken(model, t));
    await model.dispose();
    const [bestThreads, bestMs] = [...results].reduce((a, b) => (b[1] < a[1] ? b : a));
    const chosenMs = results.get(chosen)!;
    const ratio = bestMs / chosenMs;
    ratios.push(ratio);
    const row = counts.map((t) => `${t}t ${results.get(t)!.toFixed(2)} ms`).join('  ');
    console.log(`${fixture.id.padEnd(12)} ${row}  | best ${bestThreads}t; chosen ${chosen}t speed / best: ${ratio.toFixed(2)}`);
  }
  const mean = ratios.reduce((a, b) => a + b, 0) / ratios.length;
  console.log(`\nchosen threads speed / best found (mean over ${ratios.length} models): ${mean.toFixed(2)}`);
}

void main();
