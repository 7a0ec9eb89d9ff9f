// `npm run bench:engine`: the same generated models, the same threads and sampling, through the
// whole Caliper path (contract client → WebSocket → host → engine process → tokens back) and
// through node-llama-cpp directly in this process, interleaved in one run. Prints per model and
// ends with the two ratio lines the engine issue asks for.
//
// With the engine built for this machine (`-- --engine native`, or `both`, the default when a
// build is cached: `npm run bench:native` makes one), both sides load that build: the engine
// processes through CALIPER_ENGINE_NATIVE_DIR, this process through the same loader
// (engine/host/llamaRuntime.ts). Each build runs in a process of its own: two llama.cpp builds
// share library names and must not meet in one process.
import { LlamaChat, resolveChatWrapper, type ChatHistoryItem } from 'node-llama-cpp';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { builtEntryPoints } from '../../src/main/base/entryPoints';
import { engineBuildInfo, llama as loadLlama } from '../../src/main/engineProcess/host/llamaRuntime';
import { NATIVE_ADDON, NATIVE_DIR_ENV } from '../../src/main/engineProcess/nativeBuildLayout';
import { nativeEngineCacheDir } from './lib/nativeEngine';
import { createApp } from '../../src/main/composition';
import { defaultThreadCount } from '../../src/main/engineProcess/threads';
import { startTestHost } from '../../test/support/testHost';
import type { Sampling } from '../../src/shared/contract';
import { ensureFixtures } from '../../test/fixtures/generate';
import { buildIfNeeded, root } from '../lib/build.mjs';

const MODELS = ['qwen2', 'llama-gqa', 'mixtral-moe'] as const;
const ROUNDS = 5;
const CONTEXT = 1024;
const sampling: Sampling = { temperature: 0, topP: 1, topK: 0, minP: 0, repeatPenalty: 1, seed: 1, maxTokens: 512 };
const SYSTEM = 'Be brief.';
const PROMPT = 'Tell me about the weather';

interface Run {
  ttftMs: number;
  tokensPerSecond: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

// `-- --file PATH` (repeatable) adds a model of the user's own, e.g. a bench model: `npm run bench:native` quantizes them.
const { values: args } = parseArgs({ options: { engine: { type: 'string' }, file: { type: 'string', multiple: true } } });

async function main(): Promise<void> {
  if (!buildIfNeeded({ quiet: true })) throw new Error('build failed');
  const nativeDir = nativeEngineCacheDir();
  const hasNative = existsSync(join(nativeDir, NATIVE_ADDON));
  const engine = args.engine ?? (hasNative ? 'both' : 'prebuilt');
  if (engine === 'both') {
    for (const e of ['prebuilt', 'native']) {
      const files = (args.file ?? []).flatMap((f) => ['--file', f]);
      const r = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--engine', e, ...files], {
        stdio: 'inherit',
      });
      if (r.status !== 0) throw new Error(`the ${e} pass failed`);
    }
    return;
  }
  if (engine === 'native') {
    if (!hasNative) throw new Error('no engine build for this machine is cached: run `npm run bench:native` once first');
    process.env[NATIVE_DIR_ENV] = nativeDir;
  } else delete process.env[NATIVE_DIR_ENV];
  const fixtures = await ensureFixtures();
  const llama = await loadLlama();
  const build = engineBuildInfo()!;
  if (build.kind !== engine) throw new Error(`asked for the ${engine} engine, loaded ${build.kind}: ${build.fallbackReason}`);
  console.log(`\n== ${engine === 'native' ? 'engine built for this machine' : 'prebuilt engine'} (${build.systemInfo.slice(0, 100)}…)`);
  const threads = defaultThreadCount(llama.cpuMathCores);

  const dataDir = mkdtempSync(join(tmpdir(), 'caliper-bench-'));
  const app = createApp({
    appVersion: 'bench',
    shell: 'headless',
    dataDir,
    modelsDir: realpathSync(fixtures.dir),
    entryPoints: builtEntryPoints(join(root, 'out', 'main')),
  });
  const extra = (args.file ?? []).map((f) => realpathSync(f));
  if (extra.length)
    await app.client.settings.update({ modelFolders: [...new Set([realpathSync(fixtures.dir), ...extra.map((f) => dirname(f))])] });
  const server = await startTestHost(app, { rendererDir: join(root, 'out', 'renderer') });
  const client = await server.connect();

  console.log(
    `threads ${threads} (both paths), context ${CONTEXT}, ${sampling.maxTokens} tokens, greedy, ${ROUNDS} rounds after a warm-up\n`,
  );
  const ratios: number[] = [];
  const overheads: number[] = [];
  try {
    // The app names loaded models by their real path (node_modules may be a symlink in a worktree).
    const models: Array<[string, string]> = [
      ...MODELS.map((id) => [id, realpathSync(fixtures.byId[id].path)] as [string, string]),
      ...extra.map((f) => [basename(f), f] as [string, string]),
    ];
    for (const [id, path] of models) {
      // Caliper's path.
      let instanceId = '';
      for await (const e of await client.engine.load({ path, settings: { contextSize: CONTEXT, threads } })) {
        if (e.type === 'loaded') instanceId = e.model.instanceId;
      }
      const conversation = await client.chat.create({ model: { kind: 'local', path }, systemPrompt: SYSTEM, sampling });
      const viaCaliper = async (): Promise<Run> => {
        const start = performance.now();
        let first = 0;
        let last = 0;
        let tokens = 0;
        for await (const e of await client.chat.send({ conversationId: conversation.id, content: PROMPT, parentId: null })) {
          if (e.type === 'delta') {
            first ||= performance.now();
            last = performance.now();
          } else if (e.message.role === 'assistant' && e.message.stats) tokens = e.message.stats.generatedTokens;
        }
        return { ttftMs: first - start, tokensPerSecond: (tokens - 1) / ((last - first) / 1000) };
      };

      // node-llama-cpp directly, same file, threads, context and sampling.
      const model = await llama.loadModel({ modelPath: path, gpuLayers: 0 });
      const context = await model.createContext({ contextSize: CONTEXT, threads });
      const sequence = context.getSequence();
      const chat = new LlamaChat({ contextSequence: sequence, chatWrapper: resolveChatWrapper(model) });
      const history: ChatHistoryItem[] = [
        { type: 'system', text: SYSTEM },
        { type: 'user', text: PROMPT },
        { type: 'model', response: [] },
      ];
      const direct = async (): Promise<Run> => {
        const before = sequence.tokenMeter.getState();
        const start = performance.now();
        let first = 0;
        let last = 0;
        await chat.generateResponse(history, {
          ...sampling,
          seed: sampling.seed ?? undefined,
          repeatPenalty: false,
          onResponseChunk: () => {
            first ||= performance.now();
            last = performance.now();
          },
        });
        const tokens = sequence.tokenMeter.diff(before).usedOutputTokens;
        return { ttftMs: first - start, tokensPerSecond: (tokens - 1) / ((last - first) / 1000) };
      };

      await viaCaliper();
      await direct();
      const path_: Run[] = [];
      const direct_: Run[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        path_.push(await viaCaliper());
        direct_.push(await direct());
      }
      await context.dispose();
      await model.dispose();
      await client.engine.unload({ instanceId });

      const p = { tps: median(path_.map((r) => r.tokensPerSecond)), ttft: median(path_.map((r) => r.ttftMs)) };
      const d = { tps: median(direct_.map((r) => r.tokensPerSecond)), ttft: median(direct_.map((r) => r.ttftMs)) };
      ratios.push(p.tps / d.tps);
      overheads.push(p.ttft - d.ttft);
      console.log(
        `${id.padEnd(12)} path ${p.tps.toFixed(1)} tok/s, TTFT ${p.ttft.toFixed(1)} ms | direct ${d.tps.toFixed(1)} tok/s, TTFT ${d.ttft.toFixed(1)} ms | ratio ${(p.tps / d.tps).toFixed(2)}`,
      );
    }
  } finally {
    await server.close();
    await app.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  }
  console.log(`\nengine path / direct generation ratio: ${median(ratios).toFixed(2)} (${engine} engine)`);
  console.log(`time to first token overhead: ${Math.round(median(overheads))} ms (${engine} engine)`);
}

void main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
