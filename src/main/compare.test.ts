import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureFixtures } from '../../test/fixtures/generate';
import { createTestApp } from '../../test/support/testApp';
import { localRef as local, type CompareEvent, type SuiteRunSummary } from '../shared/contract';
import type { App } from './composition';
import { rejection } from '../../test/support/rejection';

/**
 * Compare, the blind arena and prompt suites through the real path: in-memory client → services →
 * one engine process per pane running node-llama-cpp on generated models → SQLite.
 */

let app: App;
let dataDir: string;
let modelsDir: string;
let qwen: string;
let mha: string;
const dirs: string[] = [];

// Greedy without a repeat penalty: every run writes the same text, to max tokens.
const greedy = { temperature: 0, repeatPenalty: 1, maxTokens: 8 };

function dir(): string {
  const d = mkdtempSync(join(tmpdir(), 'caliper-compare-'));
  dirs.push(d);
  return d;
}


async function loadPane(id: string, position: number): Promise<void> {
  for await (const _ of await app.client.compare.loadPane({ id, position }));
}

async function send(id: string, content: string, onEvent?: (e: CompareEvent) => void) {
  const events: CompareEvent[] = [];
  for await (const e of await app.client.compare.send({ id, content })) {
    events.push(e);
    onEvent?.(e);
  }
  const results = events.filter((e): e is Extract<CompareEvent, { type: 'result' }> => e.type === 'result').map((e) => e.result);
  const streamed = (position: number) =>
    events
      .filter((e) => e.type === 'delta' && e.position === position && e.segment === 'text')
      .map((e) => (e as { text: string }).text)
      .join('');
  const at = (position: number) => results.find((r) => r.position === position)!;
  return { events, results, streamed, at };
}

beforeAll(async () => {
  const fixtures = await ensureFixtures();
  modelsDir = dir();
  dataDir = dir();
  qwen = join(modelsDir, 'qwen2.gguf');
  mha = join(modelsDir, 'llama-mha.gguf');
  copyFileSync(fixtures.byId['qwen2'].path, qwen);
  copyFileSync(fixtures.byId['llama-mha'].path, mha);
  app = createTestApp(dataDir, modelsDir);
  // Quick restarts for the crash test; the production backoff starts at 500 ms.
  (app.services.engine as unknown as { options: { backoffMs: number } }).options.backoffMs = 50;
}, 120_000);

afterAll(async () => {
  await app?.dispose();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('compare', () => {
  let id: string;

  it('broadcasts one prompt to two panes, each in its own engine, with metrics, a settings hash and peak memory', async () => {
    const created = await app.client.compare.create({
      panes: [
        { model: local(qwen), load: { contextSize: 512 }, sampling: greedy, systemPrompt: 'Be brief.' },
        { model: local(mha), load: { contextSize: 512 }, sampling: greedy },
      ],
      options: { runMode: 'parallel', sameSeed: true, seed: 7, warmUp: true },
    });
    id = created.id;
    expect(created.panes.map((p) => p.label)).toEqual(['A', 'B']);
    await Promise.all([loadPane(id, 0), loadPane(id, 1)]);
    const [a, b] = (await app.client.compare.get({ id })).panes;
    expect(a!.instanceId).not.toBe(b!.instanceId);
    expect(app.services.engine.pidOf(a!.instanceId!)).not.toBe(app.services.engine.pidOf(b!.instanceId!));

    const round = await send(id, 'Hello there');
    expect(round.events[0]).toEqual({ type: 'round', round: 1, prompt: 'Hello there' });
    expect(round.events.filter((e) => e.type === 'warmup').map((e) => (e as { position: number }).position).sort()).toEqual([0, 1]);
    expect(round.results).toHaveLength(2);
    for (const position of [0, 1]) {
      const r = round.at(position);
      expect(r).toMatchObject({ round: 1, status: 'complete', error: null, runMode: 'parallel', warmUp: true });
      expect(r.output).toBe(round.streamed(position));
      expect(r.output.length).toBeGreaterThan(0);
      expect(r.stats?.ttftMs).toBeGreaterThan(0);
      expect(r.stats?.generatedTokens).toBe(8);
      expect(r.stats?.generationTokensPerSecond).toBeGreaterThan(0);
      expect(r.stats?.gpuLayers).toBe(0);
      expect(r.peakRssBytes).toBeGreaterThan(0);
      expect(r.settingsHash).toMatch(/^[0-9a-f]{16}$/);
    }
    expect(round.at(0).settingsHash).not.toBe(round.at(1).settingsHash);
    // Same seed: both panes sampled with the comparison's seed.
    expect((await app.client.compare.get({ id })).panes.map((p) => p.sampling.seed)).toEqual([7, 7]);
    // The engine supervisor keeps the process's peak beside its current memory.
    const model = app.services.engine.instance(a!.instanceId!)!;
    expect(model.peakRssBytes).toBeGreaterThanOrEqual(model.processRssBytes!);
  });

  it('continues each pane’s own conversation, one pane at a time in sequential mode, and reopens as recorded', async () => {
    await app.client.compare.update({ id, options: { runMode: 'sequential' } });
    const round = await send(id, 'And then?');
    // Sequential: pane B starts only after pane A's result.
    const order = round.events.filter((e) => e.type === 'started' || e.type === 'result').map((e) => `${e.type}:${'position' in e ? e.position : e.result.position}`);
    expect(order).toEqual(['started:0', 'result:0', 'started:1', 'result:1']);
    expect(round.results.every((r) => r.round === 2 && r.status === 'complete' && r.runMode === 'sequential')).toBe(true);

    const saved = await app.client.compare.get({ id });
    for (const pane of saved.panes) {
      const { messages } = await app.client.chat.get({ id: pane.conversationId });
      expect(messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
      expect(messages[2]!.parentId).toBe(messages[1]!.id);
    }
    // Reopened: outputs and metrics exactly as streamed; the hash changes with the run mode only.
    expect(saved.results.filter((r) => r.round === 2)).toEqual(round.results.sort((x, y) => x.position - y.position));
    const r1 = saved.results.filter((r) => r.round === 1);
    expect(round.at(0).settingsHash).not.toBe(r1[0]!.settingsHash);
    await app.client.compare.update({ id, options: { runMode: 'parallel' } });
    const again = await send(id, 'Once more');
    expect(again.at(0).settingsHash).toBe(r1[0]!.settingsHash);

    expect((await app.client.compare.list()).map((c) => c.id)).toContain(id);
    // Pane conversations belong to the comparison, not to the chat list.
    expect((await app.client.chat.list()).conversations.map((c) => c.id)).not.toContain(saved.panes[0]!.conversationId);
    expect((await rejection(app.client.compare.setPaneCount({ id, count: 3 }))).code).toBe('COMPARISON_LOCKED');
  });

  it('keeps the other pane answering when one pane’s engine is killed, and restarts the killed one', async () => {
    await app.client.compare.updatePane({ id, position: 0, sampling: { maxTokens: 4000 } });
    const pane0 = (await app.client.compare.get({ id })).panes[0]!;
    // A patch changes only what it names (zod's partial would have reset the rest to defaults).
    expect(pane0.sampling).toMatchObject({ temperature: 0, repeatPenalty: 1, maxTokens: 4000, seed: 7 });
    await app.client.chat.update({ id: pane0.conversationId, sampling: { topK: 7 } });
    expect((await app.client.chat.get({ id: pane0.conversationId })).conversation.sampling).toMatchObject({ temperature: 0, topK: 7, maxTokens: 4000 });
    const pid = app.services.engine.pidOf(pane0.instanceId!)!;
    let killed = false;
    const round = await send(id, 'Tell me a long story', (e) => {
      if (!killed && e.type === 'delta' && e.position === 0) {
        killed = true;
        process.kill(pid, 'SIGKILL');
      }
    });
    expect(killed).toBe(true);
    expect(round.at(0)).toMatchObject({ status: 'interrupted', error: { code: 'ENGINE_CRASHED' } });
    expect(round.at(1)).toMatchObject({ status: 'complete', error: null });
    expect(round.at(1).stats?.generatedTokens).toBe(8);

    // Restart from the pane: a fresh engine process with the pane's settings.
    await app.client.compare.updatePane({ id, position: 0, sampling: { maxTokens: 8 } });
    await loadPane(id, 0);
    const restarted = (await app.client.compare.get({ id })).panes[0]!;
    expect(restarted.instanceId).not.toBe(pane0.instanceId);
    const next = await send(id, 'Are you back?');
    expect(next.results.map((r) => r.status)).toEqual(['complete', 'complete']);
  });

  it('stops every pane on request, each keeping what it wrote, and still reports each result', async () => {
    for (const position of [0, 1]) await app.client.compare.updatePane({ id, position, sampling: { maxTokens: 4000 } });
    const seen = new Set<number>();
    let stopped = false;
    const round = await send(id, 'Keep going', (e) => {
      if (e.type === 'delta') seen.add(e.position);
      if (!stopped && seen.size === 2) {
        stopped = true;
        void app.client.compare.stop({ id });
      }
    });
    expect(round.results.map((r) => r.status)).toEqual(['stopped', 'stopped']);
    for (const r of round.results) {
      expect(r.output.length).toBeGreaterThan(0);
      expect(r.stats?.stopReason).toBe('stopped');
      expect(r.stats!.generatedTokens).toBeLessThan(4000);
    }
    for (const position of [0, 1]) await app.client.compare.updatePane({ id, position, sampling: { maxTokens: 8 } });
  });

  it('refuses a model that will not fit in its pane with the reason, saves no round for it, and loads it when it can', async () => {
    const loadedBefore = app.services.engine.list().length;
    const c = await app.client.compare.create({
      panes: [{ model: local(qwen), load: { contextSize: 512 }, sampling: greedy }, { model: local(mha), load: { contextSize: 2048 }, sampling: greedy }],
    });
    await loadPane(c.id, 0);
    process.env.CALIPER_AVAILABLE_RAM_BYTES = String(4 * 1024 * 1024);
    try {
      const error = await rejection(loadPane(c.id, 1));
      expect(error.code).toBe('MODEL_WONT_FIT');
      expect(error.data.neededBytes).toBeGreaterThan(error.data.availableBytes as number);
      // Sending loads the pane first; it still cannot fit, so the round is refused before anything is saved.
      expect((await rejection(send(c.id, 'Hi'))).code).toBe('MODEL_WONT_FIT');
      expect((await app.client.compare.get({ id: c.id })).results).toEqual([]);
    } finally {
      delete process.env.CALIPER_AVAILABLE_RAM_BYTES;
    }
    const round = await send(c.id, 'Hi');
    expect(round.events.filter((e) => e.type === 'loading').map((e) => (e as { position: number }).position)).toContain(1);
    expect([round.at(0).status, round.at(1).status]).toEqual(['complete', 'complete']);
    // Deleting the comparison ends its panes' engines.
    await app.client.compare.delete({ id: c.id });
    expect(app.services.engine.list()).toHaveLength(loadedBefore);
  });
});

describe('blind arena', () => {
  /** One blind battle voted `outcome`; returns the model that was shown on the left (A). */
  async function battle(tag: string, outcome: 'a' | 'tie') {
    const c = await app.client.compare.create({
      panes: [
        { model: local(qwen), load: { contextSize: 512 }, sampling: greedy },
        { model: local(mha), load: { contextSize: 512 }, sampling: greedy },
      ],
      options: { blind: true, tag },
    });
    // Hidden: no model, no load settings, in the comparison or the list.
    expect(c.panes.map((p) => p.model)).toEqual([null, null]);
    expect((await app.client.compare.list()).find((s) => s.id === c.id)?.models).toEqual([]);
    expect((await rejection(app.client.compare.updatePane({ id: c.id, position: 0, systemPrompt: 'x' }))).code).toBe('COMPARISON_LOCKED');
    await Promise.all([loadPane(c.id, 0), loadPane(c.id, 1)]);
    await send(c.id, 'Which is better?');
    expect((await app.client.compare.get({ id: c.id })).panes.every((p) => p.model === null)).toBe(true);
    const revealed = await app.client.compare.vote({ id: c.id, round: 1, outcome });
    expect(revealed.revealed).toBe(true);
    expect(new Set(revealed.panes.map((p) => (p.model?.kind === 'local' ? p.model.path : null)))).toEqual(new Set([qwen, mha]));
    expect((await rejection(app.client.compare.vote({ id: c.id, round: 1, outcome: 'a' }))).code).toBe('COMPARISON_LOCKED');
    await app.client.compare.unloadPane({ id: c.id, position: 0 });
    await app.client.compare.unloadPane({ id: c.id, position: 1 });
    return (revealed.panes[0]!.model as { path: string }).path;
  }

  it('hides and shuffles identities, reveals after the vote, and ranks with intervals per tag', async () => {
    expect((await app.client.arena.leaderboard({ tag: null })).entries).toEqual([]);
    const winnerA = await battle('coding', 'a');
    const board = await app.client.arena.leaderboard({ tag: 'coding' });
    expect(board.votes).toBe(1);
    expect(board.tags).toEqual(['coding']);
    expect(board.entries[0]!.model).toEqual(local(winnerA));
    expect(board.entries[0]!.wins).toBe(1);
    for (const e of board.entries) {
      expect(e.low).toBeLessThanOrEqual(e.rating);
      expect(e.high).toBeGreaterThanOrEqual(e.rating);
    }
    expect(board.entries[0]!.rating).toBeGreaterThan(board.entries[1]!.rating);

    await battle('chinese', 'tie');
    const chinese = await app.client.arena.leaderboard({ tag: 'chinese' });
    expect(chinese.entries.map((e) => e.ties)).toEqual([1, 1]);
    expect(chinese.entries[0]!.rating).toBeCloseTo(chinese.entries[1]!.rating, 5);
    expect((await app.client.arena.leaderboard({ tag: null })).votes).toBe(2);
  });
});

describe('prompt suites', () => {
  function progress(a: App, runId: string, until: (s: SuiteRunSummary) => boolean): Promise<SuiteRunSummary> {
    return (async () => {
      const controller = new AbortController();
      for await (const runs of await a.client.suites.onDidChange(undefined, { signal: controller.signal })) {
        const run = runs.find((r) => r.id === runId);
        if (run && until(run)) {
          controller.abort();
          return run;
        }
      }
      throw new Error('progress ended');
    })();
  }

  it('runs 5 prompts × 2 models, survives cancel, resume and a host restart with no duplicated or missing cell, and exports', async () => {
    const suite = await app.client.suites.save({ name: 'Smoke', prompts: ['One', 'Two', 'Three', 'Four', 'Five'] });
    const models = [qwen, mha].map((path) => ({ model: local(path), load: { contextSize: 512 }, sampling: { ...greedy, maxTokens: 24 }, systemPrompt: '' }));
    const started = await app.client.suites.start({ suiteId: suite.id, models, warmUp: false });
    expect(started).toMatchObject({ total: 10, done: 0 });

    await progress(app, started.id, (r) => r.done >= 1);
    const cancelled = await app.client.suites.cancel({ runId: started.id });
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.done).toBeLessThan(10);
    await app.client.suites.resume({ runId: started.id });
    const before = await progress(app, started.id, (r) => r.done >= cancelled.done + 1);
    expect(before.status).toBe('running');
    expect(before.done).toBeLessThan(10);

    // The host goes away mid-suite and comes back on the same data.
    await app.dispose();
    app = createTestApp(dataDir, modelsDir);
    const finished = await progress(app, started.id, (r) => r.status === 'done');
    expect(finished).toMatchObject({ total: 10, done: 10, failed: 0 });

    const run = await app.client.suites.get({ runId: started.id });
    expect(run.cells).toHaveLength(10);
    expect(new Set(run.cells.map((c) => `${c.promptIndex}:${c.modelIndex}`)).size).toBe(10);
    for (const c of run.cells) {
      expect(c.status).toBe('done');
      expect(c.output.length).toBeGreaterThan(0);
      expect(c.stats?.generatedTokens).toBe(24);
      expect(c.settingsHash).toMatch(/^[0-9a-f]{16}$/);
    }

    const csv = await app.client.suites.export({ runId: started.id, format: 'csv' });
    const lines = csv.content.trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^prompt_index,prompt,model_index,model,status,output/);
    expect(csv.content.match(/,done,/g)).toHaveLength(10);
    const json = JSON.parse((await app.client.suites.export({ runId: started.id, format: 'json' })).content) as { format: string; cells: unknown[]; prompts: string[] };
    expect(json).toMatchObject({ format: 'caliper.suite-run', prompts: ['One', 'Two', 'Three', 'Four', 'Five'] });
    expect(json.cells).toHaveLength(10);
    const md = (await app.client.suites.export({ runId: started.id, format: 'markdown' })).content;
    expect(md).toContain('# Smoke');
    expect(md.match(/^## Prompt \d$/gm)).toHaveLength(5);
    expect(md).toContain('### qwen2.gguf');
    expect(md).toContain('### llama-mha.gguf');
    // Nothing of the run is left loaded.
    expect(app.services.engine.list()).toEqual([]);
  });

  it('fails the cells of a model that cannot load, with the reason, and finishes the others', async () => {
    const suite = await app.client.suites.save({ name: 'Tight', prompts: ['Hi', 'Bye'] });
    process.env.CALIPER_AVAILABLE_RAM_BYTES = String(4 * 1024 * 1024);
    try {
      const run = await app.client.suites.start({
        suiteId: suite.id,
        models: [{ model: local(mha), load: { contextSize: 2048 }, sampling: greedy, systemPrompt: '' }],
        warmUp: false,
      });
      const done = await progress(app, run.id, (r) => r.status === 'done');
      expect(done).toMatchObject({ done: 0, failed: 2 });
      const cells = (await app.client.suites.get({ runId: run.id })).cells;
      expect(cells.map((c) => c.error?.code)).toEqual(['MODEL_WONT_FIT', 'MODEL_WONT_FIT']);
    } finally {
      delete process.env.CALIPER_AVAILABLE_RAM_BYTES;
    }
  });
});

