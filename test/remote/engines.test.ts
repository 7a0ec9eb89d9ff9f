import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/main/composition';
import { localRef, type ChatEvent, type CompareEvent, type ModelRef } from '../../src/shared/contract';
import { ensureFixtures, type FixtureSet } from '../fixtures/generate';
import { FakeOpenAiServer } from '../support/fakeOpenAiServer';
import { rejection } from '../support/rejection';
import { createTestApp } from '../support/testApp';
import { startTestHost, type TestHost } from '../support/testHost';

/**
 * One engine interface: local files and remote OpenAI-compatible servers (a second Caliper host's
 * `/v1`, and a loopback server with vLLM / llama-server / Ollama quirks) in Chat, Compare, blind
 * battles and suites; shared instances; the blind battle's one redaction step.
 */

let fixtures: FixtureSet;
let app: App;
let other: { app: App; host: TestHost };
let vllm: FakeOpenAiServer;
const dirs: string[] = [];
const greedy = { temperature: 0, maxTokens: 8 };

function dir(prefix: string): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(d);
  return d;
}

beforeAll(async () => {
  fixtures = await ensureFixtures();
  const models = dir('caliper-engines-models-');
  for (const id of ['qwen2', 'llama-mha'] as const) copyFileSync(fixtures.byId[id].path, join(models, `${id}.gguf`));
  app = createTestApp(dir('caliper-engines-data-'), models);
  // A second Caliper, serving its own library on /v1: a remote engine like any other.
  const otherModels = dir('caliper-engines-other-');
  copyFileSync(fixtures.byId['llama-gqa'].path, join(otherModels, 'remote-gqa.gguf'));
  const otherApp = createTestApp(dir('caliper-engines-other-data-'), otherModels);
  other = { app: otherApp, host: await startTestHost(otherApp) };
  vllm = await FakeOpenAiServer.start({ flavor: 'vllm', models: ['meta-llama/Llama-3.1-8B'], apiKey: 'sk-vllm', tokenDelayMs: 2 });
}, 120_000);

afterAll(async () => {
  await vllm?.close();
  await other?.host.close();
  await other?.app.dispose();
  await app?.dispose();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const path = (id: 'qwen2' | 'llama-mha') => join(app.services.system.info().modelsDir, `${id}.gguf`);

async function load(p: string, contextSize = 512) {
  let instanceId = '';
  for await (const e of await app.client.engine.load({ path: p, settings: { contextSize } })) if (e.type === 'loaded') instanceId = e.model.instanceId;
  return instanceId;
}

async function collect(stream: AsyncIterable<ChatEvent>) {
  const events: ChatEvent[] = [];
  for await (const e of stream) events.push(e);
  const messages = events.filter((e): e is Extract<ChatEvent, { type: 'message' }> => e.type === 'message').map((e) => e.message);
  return messages.filter((m) => m.role === 'assistant').at(-1)!;
}

async function connectCaliper() {
  return app.client.remote.create({ name: 'second caliper', kind: 'caliper', baseUrl: other.host.apiBase, apiKey: other.host.token });
}

describe('connections', () => {
  it('tests a server: models, round trip, version, usage in the stream, its own metrics', async () => {
    const c = await app.client.remote.create({ name: 'gpu box', kind: 'vllm', baseUrl: `${vllm.url}/v1/`, apiKey: 'sk-vllm' });
    expect(c).toMatchObject({ baseUrl: `${vllm.url}/v1`, hasKey: true, lastTest: null });
    expect(JSON.stringify(await app.client.remote.list())).not.toContain('sk-vllm');
    const tested = await app.client.remote.test({ id: c.id });
    expect(tested.lastTest).toMatchObject({
      ok: true,
      models: ['meta-llama/Llama-3.1-8B'],
      version: '0.11.0',
      capabilities: { usageInStream: true, serverMetrics: 'prometheus' },
      error: null,
    });
    expect(tested.lastTest!.rttMs).toBeGreaterThan(0);
    expect(vllm.requests.filter((r) => r.path.startsWith('/v1')).every((r) => r.authorization === 'Bearer sk-vllm')).toBe(true);

    const caliper = await app.client.remote.test({ id: (await connectCaliper()).id });
    expect(caliper.lastTest).toMatchObject({ ok: true, models: ['remote-gqa'], capabilities: { usageInStream: true, serverMetrics: 'timings' } });
  });

  it('says why a test failed, and forgets the key when the address moves to another server', async () => {
    const c = await app.client.remote.create({ name: 'wrong key', kind: 'vllm', baseUrl: `${vllm.url}/v1`, apiKey: 'sk-wrong' });
    const failed = await app.client.remote.test({ id: c.id });
    expect(failed.lastTest).toMatchObject({ ok: false, error: { code: 'REMOTE_UNAUTHORIZED' } });
    const moved = await app.client.remote.update({ id: c.id, baseUrl: 'http://127.0.0.1:9/v1' });
    expect(moved).toMatchObject({ hasKey: false, lastTest: null });
    const unreachable = await app.client.remote.test({ id: c.id });
    expect(unreachable.lastTest!.error!.code).toBe('REMOTE_UNREACHABLE');
    await app.client.remote.delete({ id: c.id });
    expect((await rejection(app.client.remote.test({ id: c.id }))).code).toBe('CONNECTION_NOT_FOUND');
  });
});

describe('one engine interface', () => {
  it('chats with a remote model: fair numbers, the server’s own beside them, memory as remote', async () => {
    const connection = await connectCaliper();
    const model: ModelRef = { kind: 'remote', connectionId: connection.id, model: 'remote-gqa' };
    const c = await app.client.chat.create({ model, sampling: greedy });
    const answer = await collect(await app.client.chat.send({ conversationId: c.id, content: 'Hello' }));
    expect(answer.status).toBe('complete');
    expect(answer.content.length).toBeGreaterThan(0);
    expect(answer.stats).toMatchObject({ model, generatedTokens: 8, quantization: null, gpuLayers: null });
    expect(answer.stats!.ttftMs).toBeGreaterThan(0);
    expect(answer.stats!.remote).toMatchObject({ tokensCounted: false });
    expect(answer.stats!.remote!.serverGenerationTokensPerSecond).toBeGreaterThan(0);
    // The second host counted it as an API request; no engine was started here for it.
    expect((await other.app.client.api.log({ limit: 5 }))[0]).toMatchObject({ model: 'remote-gqa', status: 200 });
    expect(app.services.engine.list()).toEqual([]);
  });

  it('keeps what a cut stream delivered as interrupted, and says why a server refused', async () => {
    const server = await FakeOpenAiServer.start({ flavor: 'llama-server', models: ['m'], tokenDelayMs: 2 });
    try {
      const connection = await app.client.remote.create({ name: 'flaky', kind: 'llama-server', baseUrl: `${server.url}/v1` });
      const c = await app.client.chat.create({ model: { kind: 'remote', connectionId: connection.id, model: 'm' }, sampling: greedy });
      server.setFault({ kind: 'cutMidStream', afterTokens: 2 });
      const cut = await collect(await app.client.chat.send({ conversationId: c.id, content: 'Hi' }));
      expect(cut).toMatchObject({ status: 'interrupted', content: 'Hello from', error: { code: 'REMOTE_STREAM_CUT' } });
      server.setFault(null);
      const continued = await collect(await app.client.chat.continue({ messageId: cut.id }));
      expect(continued.status).toBe('complete');
      expect(continued.content.startsWith('Hello from')).toBe(true);

      server.setFault({ kind: 'unauthorized' });
      const refused = await collect(await app.client.chat.send({ conversationId: c.id, content: 'Again' }));
      expect(refused).toMatchObject({ status: 'error', error: { code: 'REMOTE_UNAUTHORIZED', data: { endpoint: server.url, status: 403 } } });
    } finally {
      await server.close();
    }
  });

  it('shares an instance loaded with equal settings, counts its holders, and unloads it when none is left', async () => {
    const chatInstance = await load(path('qwen2'), 512);
    const c = await app.client.compare.create({
      panes: [
        { model: localRef(path('qwen2')), load: { contextSize: 512 }, sampling: greedy },
        { model: localRef(path('qwen2')), load: { contextSize: 1024 }, sampling: greedy },
      ],
    });
    for (const position of [0, 1]) for await (const _ of await app.client.compare.loadPane({ id: c.id, position }));
    const panes = (await app.client.compare.get({ id: c.id })).panes;
    // The same file and settings as Chat's: the same process. Other settings: another one.
    expect(panes[0]!.instanceId).toBe(chatInstance);
    expect(panes[1]!.instanceId).not.toBe(chatInstance);
    expect(app.services.engine.list()).toHaveLength(2);
    expect((await app.client.engine.list()).find((m) => m.instanceId === chatInstance)?.holders).toBe(2);
    // Loading the same again from Chat reuses it too.
    expect(await load(path('qwen2'), 512)).toBe(chatInstance);
    expect(app.services.engine.list()).toHaveLength(2);

    await app.client.compare.delete({ id: c.id });
    // The pane's own instance went with it; Chat's stays for Chat.
    expect(app.services.engine.list().map((m) => m.instanceId)).toEqual([chatInstance]);
    await app.client.engine.unload({ instanceId: chatInstance });
    expect(app.services.engine.list()).toEqual([]);
  });

  it('answers Chat on the instance it pins, not whichever instance of the file came first', async () => {
    const c = await app.client.compare.create({
      panes: [
        { model: localRef(path('qwen2')), load: { contextSize: 1024 }, sampling: greedy },
        { model: localRef(path('llama-mha')), load: { contextSize: 512 }, sampling: greedy },
      ],
    });
    for await (const _ of await app.client.compare.loadPane({ id: c.id, position: 0 }));
    const chatInstance = await load(path('qwen2'), 512);
    const conversation = await app.client.chat.create({ model: localRef(path('qwen2')), sampling: greedy });
    const pinned = await collect(await app.client.chat.send({ conversationId: conversation.id, content: 'Hi', instanceId: chatInstance }));
    expect(pinned.stats!.contextSize).toBe(512);
    // Unpinned, the newest instance of the file answers: the one the window shows.
    const newest = await collect(await app.client.chat.send({ conversationId: conversation.id, content: 'Hi again' }));
    expect(newest.stats!.contextSize).toBe(512);
    await app.client.compare.delete({ id: c.id });
    await app.client.engine.unload({ instanceId: chatInstance });
  });
});

describe('a local file against a remote model', () => {
  it('side by side with metrics, in a blind battle that names nothing before the vote, and in a suite', async () => {
    const connection = await connectCaliper();
    const remote: ModelRef = { kind: 'remote', connectionId: connection.id, model: 'remote-gqa' };
    const local = { kind: 'local' as const, path: path('qwen2') };

    const open = await app.client.compare.create({ panes: [{ model: local, load: { contextSize: 512 }, sampling: greedy }, { model: remote, sampling: greedy }] });
    const results: CompareEvent[] = [];
    for await (const e of await app.client.compare.send({ id: open.id, content: 'Hello' })) results.push(e);
    const [a, b] = [0, 1].map((p) => results.find((e) => e.type === 'result' && e.result.position === p) as Extract<CompareEvent, { type: 'result' }>);
    expect(a!.result).toMatchObject({ status: 'complete', stats: { model: local, remote: null } });
    expect(a!.result.peakRssBytes).toBeGreaterThan(0);
    expect(b!.result).toMatchObject({ status: 'complete', peakRssBytes: null, stats: { model: remote } });
    expect(b!.result.stats!.remote!.headersMs).toBeGreaterThan(0);
    expect(b!.result.settingsHash).toMatch(/^[0-9a-f]{16}$/);

    await app.client.compare.delete({ id: open.id });

    // Blind: the one redaction step, checked on every call that could name a side.
    const blind = await app.client.compare.create({
      panes: [{ model: local, load: { contextSize: 512 }, sampling: greedy }, { model: remote, sampling: greedy }],
      options: { blind: true, tag: 'mixed' },
    });
    const events: CompareEvent[] = [];
    for await (const e of await app.client.compare.send({ id: blind.id, content: 'Hello' })) events.push(e);
    const comparison = await app.client.compare.get({ id: blind.id });
    const paneConversations = comparison.panes.map((p) => p.conversationId);
    const responses = [
      events,
      comparison,
      (await app.client.compare.list()).find((c) => c.id === blind.id),
      ...(await Promise.all(paneConversations.map((id) => app.client.chat.get({ id })))),
      ...(await Promise.all(paneConversations.map((conversationId) => app.client.chat.messages({ conversationId })))),
      await app.client.engine.list(),
    ].map((r) => JSON.stringify(r));
    const secrets = [local.path, basename(local.path), 'qwen2', 'remote-gqa', connection.id, other.host.apiBase, 'second caliper', 'F32'];
    for (const [i, serialized] of responses.entries()) for (const secret of secrets) expect(serialized, `response ${i} names ${secret}`).not.toContain(secret);
    expect(comparison.results.every((r) => r.settingsHash === null && r.peakRssBytes === null && r.stats?.model === null)).toBe(true);
    // The API lists every file (the user's own library), but none as loaded by the battle.
    expect((await app.client.api.models()).filter((m) => m.loaded)).toEqual([]);
    // The texts and timings stay: comparing them is the point.
    expect(comparison.results.every((r) => r.output.length > 0 && (r.stats?.ttftMs ?? 0) > 0)).toBe(true);

    const revealed = await app.client.compare.vote({ id: blind.id, round: 1, outcome: 'a' });
    expect(revealed.panes.map((p) => p.model)).toEqual(expect.arrayContaining([local, remote]));
    const board = await app.client.arena.leaderboard({ tag: 'mixed' });
    expect(board.entries.map((e) => e.model)).toEqual(expect.arrayContaining([local, remote]));

    // A suite across both, exported with the remote model named by its connection.
    const suite = await app.client.suites.save({ name: 'mixed', prompts: ['One', 'Two'] });
    let run = await app.client.suites.start({
      suiteId: suite.id,
      models: [
        { model: local, load: { contextSize: 512 }, sampling: greedy, systemPrompt: '' },
        { model: remote, load: {}, sampling: greedy, systemPrompt: '' },
      ],
    });
    const deadline = Date.now() + 60_000;
    while (run.status !== 'done' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
      run = (await app.client.suites.runs()).find((r) => r.id === run.id)!;
    }
    const full = await app.client.suites.get({ runId: run.id });
    expect(full.cells.map((c) => c.status)).toEqual(['done', 'done', 'done', 'done']);
    expect(full.cells.filter((c) => c.modelIndex === 1).every((c) => c.stats?.remote !== null && c.peakRssBytes === null)).toBe(true);
    const csv = (await app.client.suites.export({ runId: run.id, format: 'csv' })).content;
    expect(csv).toContain('remote-gqa · second caliper');
    expect(csv).toContain('qwen2.gguf');
  });
});
