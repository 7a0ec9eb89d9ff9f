// `npm run bench:fit`: is the memory estimate behind "will it fit?" right? For each generated bench
// model (test/fixtures/benchModels.ts: ~250 MB of F32 weights, four architectures), the estimate the
// product makes (an `estimate` request to an engine probe process, as `engine.estimate` does) is
// compared with what a fresh engine process really holds after the product's own `load` request and
// two answers: a short one, then one to a prompt that fills the context (a full batch at the longest
// KV span is the compute buffers' worst case; a short answer leaves most of them untouched).
//   measured = RSS after the long answer − RSS of the same process once node-llama-cpp is initialised
// Weights are memory-mapped (the product's default), so they count once their pages are resident:
// llama.cpp prefetches the mapping and every answer reads all of them. The process is Linux-only in
// its RSS split (anon / file columns); the ratio itself uses the engine's own RSS report.
// Ends with `fit estimate / measured: X.XX (<model>)` per model; the target is 0.85–1.15.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { EngineConnection, type RequestBody } from '../../src/main/engineProcess/engineConnection';
import { forkLauncher } from '../../src/main/engineProcess/launcher';
import type { EngineResponse } from '../../src/main/engineProcess/protocol';
import { defaultThreadCount } from '../../src/main/engineProcess/threads';
import { readGgufHeader } from '../../src/main/gguf/readGgufHeader';
import { LoadSettingsSchema, type Sampling } from '../../src/shared/contract';
import { ensureBenchModels } from '../../test/fixtures/benchModels';
import { sourceEntryPoints } from '../../test/support/sourceEntryPoints';

const { values: args } = parseArgs({
  options: { context: { type: 'string', default: '2048' }, 'flash-attention': { type: 'boolean', default: false } },
});
const CONTEXT = Number(args.context);
// Otherwise the product's defaults: node-llama-cpp's batch size (min(context, 512)), an F16 KV cache.
const settings = LoadSettingsSchema.parse({ contextSize: CONTEXT, gpuLayers: 0, flashAttention: args['flash-attention'] });
const sampling: Sampling = { temperature: 0, topP: 1, topK: 0, minP: 0, repeatPenalty: 1, seed: 1, maxTokens: 8 };
// Lower-case letters are one token each in the generated vocabulary; the chat template adds a few.
const letters = (n: number) => Array.from({ length: n }, (_, i) => String.fromCharCode(97 + ((i * 7) % 26))).join('');
const SHORT = { system: 'Be brief.', prompt: letters(32) };
// Another system prompt for the long answer, so it reuses almost none of the short one's context:
// its last batch is then ~490 tokens at a ~2040-token KV span, next to the worst case. The prompt
// ends MARGIN tokens short of the context: room for the 8 answer tokens without a context shift.
const FULL_SYSTEM = 'Answer.';
const MARGIN = 12;

const MB = 1024 * 1024;
const mb = (bytes: number) => (bytes / MB).toFixed(1);

/** RSS split as Linux reports it: anonymous memory (heaps, llama.cpp's buffers) and mapped file pages. */
function rssParts(pid: number | undefined): { anon: number; file: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
    return { anon: kb('RssAnon'), file: kb('RssFile') + kb('RssShmem') };
  } catch {
    return { anon: NaN, file: NaN };
  }
}

async function ask<T extends EngineResponse['type']>(conn: EngineConnection, body: RequestBody, type: T): Promise<Extract<EngineResponse, { type: T }>> {
  const m = await conn.request(body, { timeoutMs: null });
  if (m.type !== type) throw new Error(`${body.type}: ${m.type === 'error' ? `${m.code} ${m.detail}` : m.type}`);
  return m as Extract<EngineResponse, { type: T }>;
}

interface Sample {
  rss: number;
  anon: number;
  file: number;
}

async function sample(conn: EngineConnection): Promise<Sample> {
  const { rssBytes } = await ask(conn, { type: 'memory' }, 'memory');
  return { rss: rssBytes, ...rssParts(conn.pid) };
}

const row = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(18) : c.padStart(9))).join(' ');

async function main(): Promise<void> {
  const started = performance.now();
  const models = await ensureBenchModels();
  const entry = sourceEntryPoints.engineHost;
  // Estimates come from a probe process, as in the product (EngineSupervisor.estimate).
  const probe = new EngineConnection(entry, forkLauncher);
  const results: Array<{ id: string; ratio: number }> = [];
  try {
    const hw = await ask(probe, { type: 'hardware' }, 'hardware');
    const threads = defaultThreadCount(hw.gpu.cpuMathCores);
    console.log(
      `backend ${hw.gpu.backend}, ${threads} thread(s), gpuLayers 0; context ${CONTEXT}, batch ${Math.min(CONTEXT, 512)}, ` +
        `KV ${settings.kvCacheType}, flash attention ${settings.flashAttention ? 'on' : 'off'}`,
    );
    console.log(
      'MiB. weights: tensor data in the file. estimate: engine.estimate ramBytes. loaded / short / full: RSS growth of a\n' +
        'fresh engine process after load, a short answer, an answer to a context-filling prompt (anon / file: its split).\n' +
        'base: the process RSS before loading (not counted). measured = full.\n',
    );
    console.log(row(['model', 'weights', 'estimate', 'base', 'loaded', 'short', 'full', 'anon', 'file', 'prompt', 'est/meas']));

    for (const model of models) {
      const header = readGgufHeader(model.path);
      const weights = header.fileSize - header.dataOffset;
      const { estimate } = await ask(probe, { type: 'estimate', path: model.path, settings }, 'estimate');

      const conn = new EngineConnection(entry, forkLauncher);
      try {
        await ask(conn, { type: 'hardware' }, 'hardware'); // node-llama-cpp and its backend initialised
        const before = await sample(conn);
        await ask(conn, { type: 'load', path: model.path, settings, threads }, 'loaded');
        const loaded = await sample(conn);
        const answer = async (system: string, prompt: string) => {
          const history = [
            { role: 'system' as const, text: system },
            { role: 'user' as const, text: prompt },
          ];
          const m = await ask(conn, { type: 'generate', generationId: 'bench', history, sampling }, 'generated');
          return m.result.stats.promptTokens;
        };
        const templateTokens = (await answer(SHORT.system, SHORT.prompt)) - SHORT.prompt.length;
        const short = await sample(conn);
        const promptTokens = await answer(FULL_SYSTEM, letters(CONTEXT - templateTokens - MARGIN));
        const full = await sample(conn);

        const measured = full.rss - before.rss;
        const ratio = estimate.ramBytes / measured;
        results.push({ id: model.id, ratio });
        console.log(
          row([
            model.id,
            mb(weights),
            mb(estimate.ramBytes),
            mb(before.rss),
            mb(loaded.rss - before.rss),
            mb(short.rss - before.rss),
            mb(measured),
            mb(full.anon - before.anon),
            mb(full.file - before.file),
            String(promptTokens),
            ratio.toFixed(2),
          ]),
        );
      } finally {
        conn.kill();
      }
    }
  } finally {
    probe.kill();
  }
  console.log(`\n${models.length} models in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  for (const r of results) console.log(`fit estimate / measured: ${r.ratio.toFixed(2)} (${r.id})`);
}

void main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
