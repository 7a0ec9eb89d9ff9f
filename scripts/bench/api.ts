// `npm run bench:api`: one model, one loaded instance, the same prompt, greedy sampling and
// threads, answered through the local API (the official `openai` client streaming over HTTP/SSE →
// host → engine process) and through Caliper's engine path in the host process (the supervisor →
// engine process), interleaved in one run. Prints the two lines the API issue asks for.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import OpenAI from 'openai';
import { builtEntryPoints } from '../../src/main/base/entryPoints';
import { createApp } from '../../src/main/composition';
import type { ChatTurn } from '../../src/main/engineProcess/protocol';
import type { Sampling } from '../../src/shared/contract';
import { ensureFixtures } from '../../test/fixtures/generate';
import { startTestHost } from '../../test/support/testHost';
import { buildIfNeeded, root } from '../lib/build.mjs';

const MODELS = ['qwen2', 'llama-gqa'] as const;
const ROUNDS = 7;
const MAX_TOKENS = 512;
const PROMPT = 'Tell me about the weather';
const sampling: Sampling = { temperature: 0, topP: 1, topK: 0, minP: 0, repeatPenalty: 1, seed: 1, maxTokens: MAX_TOKENS };

interface Run {
  ttftMs: number;
  tokensPerSecond: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  if (!buildIfNeeded({ quiet: true })) throw new Error('build failed');
  const fixtures = await ensureFixtures();
  const dataDir = mkdtempSync(join(tmpdir(), 'caliper-bench-api-'));
  const app = createApp({
    appVersion: 'bench',
    shell: 'headless',
    dataDir,
    modelsDir: fixtures.dir,
    entryPoints: builtEntryPoints(join(root, 'out', 'main')),
  });
  const host = await startTestHost(app);
  const openai = new OpenAI({ baseURL: host.apiBase, apiKey: host.token, maxRetries: 0 });
  const threads = await app.services.engine.defaultThreads();
  console.log(`threads ${threads}, ${MAX_TOKENS} tokens, greedy, ${ROUNDS} rounds after a warm-up, one loaded instance per model\n`);

  const ratios: number[] = [];
  const overheads: number[] = [];
  try {
    for (const id of MODELS) {
      const path = fixtures.byId[id].path;
      const lease = await app.services.api.use(path);
      const viaApi = async (): Promise<Run> => {
        const start = performance.now();
        let first = 0;
        let last = 0;
        let tokens = 0;
        const stream = await openai.chat.completions.create({
          model: path,
          messages: [{ role: 'user', content: PROMPT }],
          max_tokens: MAX_TOKENS,
          temperature: 0,
          top_p: 1,
          seed: 1,
          stream: true,
          stream_options: { include_usage: true },
          // llama-server's names, which Caliper's API reads too.
          ...({ top_k: 0, min_p: 0, repeat_penalty: 1 } as object),
        });
        for await (const chunk of stream) {
          if (chunk.choices[0]?.delta.content) {
            first ||= performance.now();
            last = performance.now();
          }
          if (chunk.usage) tokens = chunk.usage.completion_tokens;
        }
        return { ttftMs: first - start, tokensPerSecond: (tokens - 1) / ((last - first) / 1000) };
      };
      const history: ChatTurn[] = [{ role: 'user', text: PROMPT }];
      const viaEngine = async (): Promise<Run> => {
        const start = performance.now();
        let first = 0;
        let last = 0;
        const result = await app.services.engine.generate(lease.model.instanceId, history, sampling, () => {
          first ||= performance.now();
          last = performance.now();
        });
        return { ttftMs: first - start, tokensPerSecond: (result.stats.generatedTokens - 1) / ((last - first) / 1000) };
      };

      await viaApi();
      await viaEngine();
      const api: Run[] = [];
      const engine: Run[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        api.push(await viaApi());
        engine.push(await viaEngine());
      }
      lease.release();
      const a = { tps: median(api.map((r) => r.tokensPerSecond)), ttft: median(api.map((r) => r.ttftMs)) };
      const e = { tps: median(engine.map((r) => r.tokensPerSecond)), ttft: median(engine.map((r) => r.ttftMs)) };
      ratios.push(a.tps / e.tps);
      overheads.push(a.ttft - e.ttft);
      console.log(
        `${id.padEnd(10)} api ${a.tps.toFixed(1)} tok/s, TTFT ${a.ttft.toFixed(1)} ms | engine path ${e.tps.toFixed(1)} tok/s, TTFT ${e.ttft.toFixed(1)} ms | ratio ${(a.tps / e.tps).toFixed(2)}`,
      );
    }
  } finally {
    await host.close();
    await app.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  }
  console.log(`\napi stream / engine path generation ratio: ${median(ratios).toFixed(2)}`);
  console.log(`api time to first token overhead: ${Math.round(median(overheads))} ms`);
}

void main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
