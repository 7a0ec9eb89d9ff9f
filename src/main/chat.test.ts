import { copyFileSync, existsSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureFixtures, type FixtureSet } from '../../test/fixtures/generate';
import { encodeGguf } from '../../test/fixtures/gguf/writer';
import { FIXTURES } from '../../test/fixtures/models';
import { useTempDirs } from '../../test/support/tempDir';
import { createTestApp } from '../../test/support/testApp';
import type { ChatEvent, LoadedModel, Message } from '../shared/contract';
import type { App } from './composition';
import { rejection } from '../../test/support/rejection';

/**
 * Engine and chat through the real path: in-memory contract client → services → engine host
 * processes running node-llama-cpp on generated models → SQLite.
 */

const tempDir = useTempDirs();
let fixtures: FixtureSet;
let app: App;
let modelsDir: string;
let qwen: LoadedModel;

const fast = { temperature: 0, maxTokens: 12 };

async function collect(iterable: AsyncIterable<ChatEvent>, onEvent?: (e: ChatEvent, all: ChatEvent[]) => void) {
  const events: ChatEvent[] = [];
  for await (const e of iterable) {
    events.push(e);
    onEvent?.(e, events);
  }
  const finals = events.filter((e): e is Extract<ChatEvent, { type: 'message' }> => e.type === 'message');
  const answer = finals.at(-1)!.message;
  const streamed = events
    .filter((e) => e.type === 'delta' && e.messageId === answer.id && e.segment === 'text')
    .map((e) => (e as { text: string }).text)
    .join('');
  return { events, answer, streamed };
}


async function load(path: string, contextSize = 512): Promise<LoadedModel> {
  let model: LoadedModel | null = null;
  for await (const e of await app.client.engine.load({ path, settings: { contextSize } })) if (e.type === 'loaded') model = e.model;
  return model!;
}

const suiteDirs: string[] = [];
/** Lives for the whole file (useTempDirs' folders go after each test). */
function suiteDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'caliper-chat-'));
  suiteDirs.push(dir);
  return dir;
}

beforeAll(async () => {
  fixtures = await ensureFixtures();
  modelsDir = suiteDir();
  for (const f of fixtures.all) copyFileSync(f.path, join(modelsDir, `${f.id}.gguf`));
  // Valid for Caliper's header reader, fatal for llama.cpp (GGML_ASSERT aborts the process).
  const spec = FIXTURES.find((f) => f.facts.id === 'llama-mha')!.build();
  writeFileSync(
    join(modelsDir, 'aborts-llama.gguf'),
    encodeGguf({ ...spec, metadata: spec.metadata.filter((m) => m.key !== 'llama.feed_forward_length') }),
  );
  const whole = encodeGguf(spec);
  writeFileSync(join(modelsDir, 'truncated.gguf'), whole.subarray(0, whole.length - 1000));
  app = createTestApp(suiteDir(), modelsDir);
  // Quick restarts for the crash test; the production backoff starts at 500 ms.
  (app.services.engine as unknown as { options: { backoffMs: number } }).options.backoffMs = 50;
  qwen = await load(join(modelsDir, 'qwen2.gguf'));
}, 120_000);

afterAll(async () => {
  await app?.dispose();
  for (const dir of suiteDirs) rmSync(dir, { recursive: true, force: true });
});

describe('engine', () => {
  it('loads a model in its own process with the machine-default threads, never the library default', async () => {
    const { threads } = await app.client.engine.defaults();
    expect(threads).toBeGreaterThanOrEqual(1);
    expect(qwen).toMatchObject({ state: 'loaded', gpuLayers: 0, contextSize: 512, threads });
    expect(qwen.processRssBytes).toBeGreaterThan(0);
    expect(qwen.estimate?.fits).toBe(true);
    const pid = app.services.engine.pidOf(qwen.instanceId);
    expect(pid).toBeGreaterThan(0);
    expect(pid).not.toBe(process.pid);
  });

  it('refuses files outside the model folders and files that are not models, before the engine sees them', async () => {
    const outside = join(tempDir(), 'x.gguf');
    copyFileSync(fixtures.byId['qwen2'].path, outside);
    expect((await rejection(app.client.engine.estimate({ path: outside }))).code).toBe('PATH_NOT_IN_LIBRARY');
    expect((await rejection(app.client.engine.estimate({ path: join(modelsDir, '..', '..', 'etc', 'passwd') }))).code).toBe('PATH_NOT_IN_LIBRARY');
    const truncated = await rejection(load(join(modelsDir, 'truncated.gguf')));
    expect(truncated.code).toBe('NOT_A_GGUF');
    expect(truncated.data.problem).toBe('TENSOR_OUT_OF_BOUNDS');
    expect((await rejection(load(join(modelsDir, 'llama-gqa-lora.gguf')))).code).toBe('NOT_A_GGUF');
  });

  it('reports a model that aborts llama.cpp as a load failure and keeps the other models working', async () => {
    const failed = await rejection(load(join(modelsDir, 'aborts-llama.gguf')));
    expect(failed.code).toBe('MODEL_LOAD_FAILED');
    expect(app.services.engine.list().map((m) => m.path)).toEqual([qwen.path]);
    const c = await app.client.chat.create({ model: { kind: 'local', path: qwen.path }, sampling: fast });
    expect((await collect(await app.client.chat.send({ conversationId: c.id, content: 'still there?' }))).answer.status).toBe('complete');
  });

  it('refuses a model that will not fit, saying what would', async () => {
    process.env.CALIPER_AVAILABLE_RAM_BYTES = String(4 * 1024 * 1024);
    try {
      const error = await rejection(load(join(modelsDir, 'mixtral-moe.gguf'), 2048));
      expect(error.code).toBe('MODEL_WONT_FIT');
      expect(error.data.neededBytes).toBeGreaterThan(error.data.availableBytes as number);
      expect(error.data).toHaveProperty('suggestedContextSize');
    } finally {
      delete process.env.CALIPER_AVAILABLE_RAM_BYTES;
    }
  });

  it('cancels a load when the caller aborts, leaving nothing loaded', async () => {
    const controller = new AbortController();
    const events = await app.client.engine.load({ path: join(modelsDir, 'glm4.gguf') }, { signal: controller.signal });
    const consuming = (async () => {
      for await (const _ of events);
    })().catch(() => undefined);
    await expect
      .poll(() => app.services.engine.list().some((m) => m.path.endsWith('glm4.gguf')))
      .toBe(true);
    const instanceId = app.services.engine.list().find((m) => m.path.endsWith('glm4.gguf'))!.instanceId;
    controller.abort();
    await consuming;
    await expect.poll(() => app.services.engine.instance(instanceId)).toBeUndefined();
    // Let a load that was already under way finish: it must not come back.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(app.services.engine.list().map((m) => m.path)).toEqual([qwen.path]);
  });

  it('labels whether a file fits this machine before anything is loaded', async () => {
    const gpu = await app.client.system.gpu();
    const fit = await app.client.engine.fit({ path: join(modelsDir, 'mixtral-moe.gguf'), contextSize: 1024 });
    expect(fit.estimate).toMatchObject({ contextSize: 1024, fits: true });
    expect(fit.estimate.ramBytes).toBeGreaterThan(fixtures.byId['mixtral-moe'].sizeBytes);
    // No GPU on the build machines: the CPU label; with one, all layers fit on it.
    expect(fit.label).toBe(gpu.state === 'ready' && gpu.backend !== 'cpu' ? 'gpu' : 'cpu');

    // The same file on a machine with 4 MB free.
    process.env.CALIPER_AVAILABLE_RAM_BYTES = String(4 * 1024 * 1024);
    const small = createTestApp(suiteDir(), modelsDir);
    try {
      const tight = await small.client.engine.fit({ path: join(modelsDir, 'mixtral-moe.gguf'), contextSize: 2048 });
      if (gpu.state === 'ready' && gpu.backend === 'cpu') expect(tight).toMatchObject({ label: 'wont_fit', estimate: { fits: false } });
    } finally {
      delete process.env.CALIPER_AVAILABLE_RAM_BYTES;
      await small.dispose();
    }
    expect((await rejection(app.client.engine.fit({ path: join(modelsDir, 'not-there.gguf') }))).code).toBe('PATH_NOT_IN_LIBRARY');
  });

  it("plans flash attention as it runs: 'auto' by default, off with every layer on the CPU, on with a quantized KV cache", async () => {
    const path = join(modelsDir, 'llama-gqa.gguf');
    const ram = async (settings: { flashAttention?: boolean | 'auto'; kvCacheType?: 'F16' | 'Q8_0' }) =>
      (await app.client.engine.estimate({ path, settings: { contextSize: 2048, gpuLayers: 0, ...settings } })).ramBytes;
    const [byDefault, auto, on, off] = await Promise.all([
      ram({}),
      ram({ flashAttention: 'auto' }),
      ram({ flashAttention: true }),
      ram({ flashAttention: false }),
    ]);
    expect(byDefault).toBe(auto);
    // Without flash attention the CPU keeps a work buffer for attention (n_kv × ubatch × heads × 2 bytes: 2048 × 512 × 4 × 2).
    expect(off - on).toBeGreaterThanOrEqual(2048 * 512 * 4 * 2);
    // With every layer on the CPU 'auto' is off: generation in conversations is slower with it there.
    expect(auto).toBe(off);
    // A quantized KV cache runs with flash attention whatever was chosen.
    expect(await ram({ flashAttention: false, kvCacheType: 'Q8_0' })).toBe(await ram({ flashAttention: true, kvCacheType: 'Q8_0' }));
  });

  it('deletes a model file only inside the model folders and never while it is loaded', async () => {
    const doomed = join(modelsDir, 'copy-to-delete.gguf');
    copyFileSync(fixtures.byId['phi3'].path, doomed);
    expect((await app.client.library.list()).files.some((f) => f.path === doomed)).toBe(true);
    await app.client.library.delete({ path: doomed });
    expect(existsSync(doomed)).toBe(false);
    expect((await app.client.library.list()).files.some((f) => f.path === doomed)).toBe(false);

    const outsideDir = suiteDir();
    const outside = join(outsideDir, 'precious.gguf');
    copyFileSync(fixtures.byId['phi3'].path, outside);
    symlinkSync(outside, join(modelsDir, 'link-to-outside.gguf'));
    for (const path of [outside, join(modelsDir, '..', outsideDir.split('/').pop()!, 'precious.gguf'), join(modelsDir, 'link-to-outside.gguf')]) {
      expect((await rejection(app.client.library.delete({ path }))).code, path).toBe('PATH_NOT_IN_LIBRARY');
    }
    expect(existsSync(outside)).toBe(true);
    expect((await rejection(app.client.library.delete({ path: qwen.path }))).code).toBe('MODEL_IN_USE');
    expect(existsSync(qwen.path)).toBe(true);
    rmSync(join(modelsDir, 'link-to-outside.gguf'));
  });

  it('holds two models at once, each in its own process', async () => {
    const glm = await load(join(modelsDir, 'glm4.gguf'));
    expect(app.services.engine.pidOf(glm.instanceId)).not.toBe(app.services.engine.pidOf(qwen.instanceId));
    expect((await app.client.engine.list()).filter((m) => m.state === 'loaded')).toHaveLength(2);
    await app.client.engine.unload({ instanceId: glm.instanceId });
    expect((await app.client.engine.list()).map((m) => m.instanceId)).toEqual([qwen.instanceId]);
  });
});

describe('chat', () => {
  it('streams an answer with its stats and saves exactly what was streamed', async () => {
    const c = await app.client.chat.create({ model: { kind: 'local', path: qwen.path }, sampling: fast, systemPrompt: 'Be brief.' });
    const { events, answer, streamed } = await collect(await app.client.chat.send({ conversationId: c.id, content: 'Hello there' }));
    expect(events[0]).toMatchObject({ type: 'message', message: { role: 'user', content: 'Hello there' } });
    expect(events.filter((e) => e.type === 'delta').length).toBeGreaterThan(1);
    expect(answer).toMatchObject({ role: 'assistant', status: 'complete' });
    expect(answer.content).toBe(streamed);
    expect(answer.stats).toMatchObject({ model: { kind: 'local', path: qwen.path }, quantization: 'F32', gpuLayers: 0, contextSize: 512, stopReason: 'maxTokens' });
    expect(answer.stats!.generatedTokens).toBe(12);
    expect(answer.stats!.promptTokens).toBeGreaterThan(5);
    expect(answer.stats!.ttftMs).toBeGreaterThan(0);
    expect(answer.stats!.generationTokensPerSecond).toBeGreaterThan(0);

    const { conversation, messages } = await app.client.chat.get({ id: c.id });
    expect(conversation.title).toBe('Hello there');
    expect(conversation.leafId).toBe(answer.id);
    expect(messages.map((m) => [m.role, m.content])).toEqual([
      ['user', 'Hello there'],
      ['assistant', streamed],
    ]);
  });

  it('stops when the caller aborts, keeping the partial answer as stopped', async () => {
    const c = await app.client.chat.create({ model: { kind: 'local', path: qwen.path }, sampling: { temperature: 0, maxTokens: 4000 } });
    const controller = new AbortController();
    const stream = await app.client.chat.send({ conversationId: c.id, content: 'Write a lot' }, { signal: controller.signal });
    let deltas = 0;
    await collect(stream, (e) => {
      if (e.type === 'delta' && ++deltas === 3) controller.abort();
    }).catch(() => undefined);
    await expect.poll(async () => (await app.client.chat.get({ id: c.id })).messages.at(-1)?.status).toBe('stopped');
    const answer = (await app.client.chat.get({ id: c.id })).messages.at(-1)!;
    expect(answer.content.length).toBeGreaterThan(0);
    expect(answer.stats?.stopReason).toBe('stopped');
    expect(answer.stats!.generatedTokens).toBeLessThan(4000);
  });

  it('stops on chat.stop: the same stream ends with the stopped answer, nothing to poll for', async () => {
    const c = await app.client.chat.create({ model: { kind: 'local', path: qwen.path }, sampling: { temperature: 0, maxTokens: 4000 } });
    let deltas = 0;
    const { answer, streamed } = await collect(await app.client.chat.send({ conversationId: c.id, content: 'Write a lot' }), (e) => {
      if (e.type === 'delta' && ++deltas === 3) void app.client.chat.stop({ conversationId: c.id });
    });
    expect(answer.status).toBe('stopped');
    expect(answer.stats?.stopReason).toBe('stopped');
    expect(answer.content).toBe(streamed);
    expect(answer.stats!.generatedTokens).toBeLessThan(4000);
    // Stopping what is not running is harmless.
    await app.client.chat.stop({ conversationId: c.id });
  });

  it('regenerates beside the old answer and edits beside the old question, keeping every branch', async () => {
    const c = await app.client.chat.create({ model: { kind: 'local', path: qwen.path }, sampling: { ...fast, temperature: 1 } });
    const first = await collect(await app.client.chat.send({ conversationId: c.id, content: 'first question' }));
    const second = await collect(await app.client.chat.regenerate({ messageId: first.answer.id }));
    expect(second.answer.parentId).toBe(first.answer.parentId);
    expect(second.answer.id).not.toBe(first.answer.id);

    // Edit: a new question under the same parent (the root), then its answer.
    const edited = await collect(await app.client.chat.send({ conversationId: c.id, content: 'edited question', parentId: null }));
    let { conversation, messages } = await app.client.chat.get({ id: c.id });
    expect(messages.filter((m) => m.role === 'user').map((m) => m.content)).toEqual(['first question', 'edited question']);
    expect(conversation.leafId).toBe(edited.answer.id);

    // Back to the first branch: its newest answer is shown.
    conversation = await app.client.chat.selectBranch({ messageId: first.answer.parentId! });
    expect(conversation.leafId).toBe(second.answer.id);
    await app.client.chat.deleteMessage({ messageId: second.answer.id });
    ({ conversation, messages } = await app.client.chat.get({ id: c.id }));
    expect(conversation.leafId).toBe(first.answer.id);
    expect(messages).toHaveLength(4);
  });

  it('refuses a second answer in the same conversation while one is streaming', async () => {
    const c = await app.client.chat.create({ model: { kind: 'local', path: qwen.path }, sampling: { temperature: 0, maxTokens: 32_000 } });
    const controller = new AbortController();
    const running = collect(await app.client.chat.send({ conversationId: c.id, content: 'long' }, { signal: controller.signal }), (e, all) => {
      if (all.filter((x) => x.type === 'delta').length === 2) {
        void rejection(app.client.chat.send({ conversationId: c.id, content: 'again' }).then((s) => collect(s))).then((error) => {
          expect(error.code).toBe('GENERATION_BUSY');
          controller.abort();
        });
      }
    });
    await running.catch(() => undefined);
    // The refused question was not stored either.
    const { messages } = await app.client.chat.get({ id: c.id });
    expect(messages.map((m) => [m.role, m.status])).toEqual([
      ['user', 'complete'],
      ['assistant', 'stopped'],
    ]);
  });

  it('saves a streaming answer in batches while it is written', async () => {
    const c = await app.client.chat.create({ model: { kind: 'local', path: qwen.path }, sampling: { temperature: 0, maxTokens: 3000 } });
    const controller = new AbortController();
    const stream = await app.client.chat.send({ conversationId: c.id, content: 'go on' }, { signal: controller.signal });
    const running = collect(stream).catch(() => undefined);
    const row = () =>
      app.services.db.prepare("SELECT content, status FROM messages WHERE conversation_id = ? AND role = 'assistant'").get(c.id) as
        | { content: string; status: string }
        | undefined;
    await expect.poll(() => (row()?.status === 'streaming' ? row()!.content.length : 0), { timeout: 10_000, interval: 50 }).toBeGreaterThan(0);
    controller.abort();
    await running;
  });

  it('keeps the partial answer as interrupted when the engine is killed, restarts it, and continues', async () => {
    const c = await app.client.chat.create({ model: { kind: 'local', path: qwen.path }, sampling: { temperature: 0, maxTokens: 4000 } });
    const pid = app.services.engine.pidOf(qwen.instanceId)!;
    let killed = false;
    const { answer } = await collect(await app.client.chat.send({ conversationId: c.id, content: 'tell me' }), (e, all) => {
      if (!killed && all.filter((x) => x.type === 'delta').length === 5) {
        killed = true;
        process.kill(pid, 'SIGKILL');
      }
    });
    expect(answer.status).toBe('interrupted');
    expect(answer.error?.code).toBe('ENGINE_CRASHED');
    expect(answer.stats?.stopReason).toBe('crashed');
    expect(answer.content.length).toBeGreaterThan(0);

    await expect.poll(() => app.services.engine.instance(qwen.instanceId)?.state, { timeout: 30_000 }).toBe('loaded');
    expect(app.services.engine.instance(qwen.instanceId)?.restarts).toBe(1);
    expect(app.services.engine.pidOf(qwen.instanceId)).not.toBe(pid);

    await app.client.chat.update({ id: c.id, sampling: { maxTokens: 8 } });
    const continued = await collect(await app.client.chat.continue({ messageId: answer.id }));
    expect(continued.answer.id).toBe(answer.id);
    expect(continued.answer.status).toBe('complete');
    expect(continued.answer.content.startsWith(answer.content)).toBe(true);
    expect(continued.answer.content.length).toBeGreaterThan(answer.content.length);
  });

  it('searches every message, with the short-CJK fallback, and round-trips export/import', async () => {
    const c = await app.client.chat.create({ model: { kind: 'local', path: qwen.path }, sampling: fast });
    await collect(await app.client.chat.send({ conversationId: c.id, content: 'The quick brown fox 你好世界' }));
    expect((await app.client.chat.search({ query: 'brown fo' })).hits.map((h) => h.conversationId)).toContain(c.id);
    expect((await app.client.chat.search({ query: '你好' })).hits.map((h) => h.conversationId)).toContain(c.id);
    expect((await app.client.chat.search({ query: '世' })).hits.map((h) => h.conversationId)).toContain(c.id);
    expect((await app.client.chat.search({ query: 'zebra crossing' })).hits).toEqual([]);

    const json = await app.client.chat.export({ id: c.id, format: 'json' });
    const imported = await app.client.chat.import({ content: json.content });
    const original = await app.client.chat.get({ id: c.id });
    const copy = await app.client.chat.get({ id: imported.id });
    const shape = (ms: Message[]) => ms.map((m) => [m.role, m.content, m.status, m.stats?.generatedTokens]);
    expect(shape(copy.messages)).toEqual(shape(original.messages));
    expect(copy.messages.every((m) => !original.messages.some((o) => o.id === m.id))).toBe(true);

    const md = await app.client.chat.export({ id: c.id, format: 'markdown' });
    expect(md.fileName).toMatch(/\.md$/);
    expect(md.content).toContain('The quick brown fox 你好世界');
    expect(md.content).toContain('## Assistant');

    const bad = await rejection(app.client.chat.import({ content: '{"format":"something else"}' }));
    expect(bad.code).toBe('IMPORT_INVALID');
    const cycle = JSON.parse(json.content);
    cycle.messages[0].parentId = cycle.messages[1].id;
    expect((await rejection(app.client.chat.import({ content: JSON.stringify(cycle) }))).code).toBe('IMPORT_INVALID');
  });

  it('rejects oversized and malformed inputs with typed errors', async () => {
    const c = await app.client.chat.create({});
    expect((await rejection(app.client.chat.send({ conversationId: c.id, content: 'x'.repeat(200_001) }))).code).toBe('INVALID_INPUT');
    expect((await rejection(app.client.chat.send({ conversationId: c.id, content: '' }))).code).toBe('INVALID_INPUT');
    expect((await rejection(app.client.chat.update({ id: c.id, sampling: { temperature: 9 } }))).code).toBe('INVALID_INPUT');
    expect((await rejection(app.client.chat.send({ conversationId: c.id, content: 'hi' }).then((s) => collect(s)))).code).toBe('NO_MODEL_SELECTED');
    expect((await rejection(app.client.chat.get({ id: 'nope' }))).code).toBe('CONVERSATION_NOT_FOUND');
  });
});
