// The generated GGUF fixtures are only useful if they are stable and the real engine runs them, so
// this loads each one into node-llama-cpp and generates. threads: 1 everywhere: the library default
// (4 spinning threads) is about 100x slower on a 2-core machine.
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getLlama, LlamaChatSession, LlamaLogLevel, readGgufFileInfo } from 'node-llama-cpp';
import type { Llama, LlamaContextOptions } from 'node-llama-cpp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogArchitectures, loadBundledCatalog, modelFixturesOf } from '../fixtures/catalogCoverage';
import { ensureFixtures } from '../fixtures/generate';
import { writeGguf } from '../fixtures/gguf/writer';
import type { FixtureFile, FixtureSet } from '../fixtures/generate';

// The library's default system prompt (~255 tokens with a byte-level vocab) overflows a 256 context.
const SYSTEM_PROMPT = 'Be brief.';
const CONTEXT_SIZE = 256;

async function hashFiles(set: FixtureSet): Promise<string[]> {
  return Promise.all(
    set.all.map(async (f) => `${f.facts.fileName} ${createHash('sha256').update(await readFile(f.path)).digest('hex')}`),
  );
}

describe('generated GGUF fixtures', () => {
  const tempDirs: string[] = [];
  let fixtures: FixtureSet;

  beforeAll(async () => {
    fixtures = await ensureFixtures();
  });

  afterAll(async () => {
    await Promise.all(tempDirs.map((d) => rm(d, { recursive: true, force: true })));
  });

  it('generates byte-identical files every time', async () => {
    const started = performance.now();
    const [a, b] = await Promise.all([1, 2].map(async () => {
      const dir = await mkdtemp(join(tmpdir(), 'caliper-fixtures-'));
      tempDirs.push(dir);
      return ensureFixtures(dir);
    }));
    const elapsed = performance.now() - started;
    if (!a || !b) throw new Error('generation returned nothing');

    const hashesA = await hashFiles(a);
    expect(hashesA).toEqual(await hashFiles(b));
    // The cached default set is the same bytes, and the manifest's checksums are the real ones.
    expect(await hashFiles(fixtures)).toEqual(hashesA);
    expect(a.all.map((f) => `${f.facts.fileName} ${f.sha256}`)).toEqual(hashesA);
    expect(elapsed).toBeLessThan(5_000);
  });

  it('writer round-trips every GGUF value type and aligns tensor data', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'caliper-gguf-'));
    tempDirs.push(dir);
    const path = join(dir, 'types.gguf');
    await writeGguf(path, {
      metadata: [
        { key: 'general.architecture', type: 'string', value: 'llama' },
        { key: 't.u8', type: 'u8', value: 200 }, { key: 't.i8', type: 'i8', value: -5 },
        { key: 't.u16', type: 'u16', value: 60000 }, { key: 't.i16', type: 'i16', value: -300 },
        { key: 't.u32', type: 'u32', value: 4_000_000_000 }, { key: 't.i32', type: 'i32', value: -70000 },
        { key: 't.f32', type: 'f32', value: 0.5 }, { key: 't.bool', type: 'bool', value: true },
        { key: 't.str', type: 'string', value: 'héllo' }, { key: 't.u64', type: 'u64', value: 2n ** 40n },
        { key: 't.i64', type: 'i64', value: -7 }, { key: 't.f64', type: 'f64', value: 1.25 },
        { key: 't.arr', type: 'array', itemType: 'i16', value: [1, -2, 3] },
        { key: 't.sarr', type: 'array', itemType: 'string', value: ['a', 'bc'] },
      ],
      tensors: [
        { name: 'x', dims: [3], data: new Float32Array([1, 2, 3]) },
        { name: 'y', dims: [2, 2], data: new Float32Array([4, 5, 6, 7]) },
      ],
    });
    const info = await readGgufFileInfo(path, { readTensorInfo: true });
    expect(info.metadata).toMatchObject({
      t: {
        u8: 200, i8: -5, u16: 60000, i16: -300, u32: 4_000_000_000, i32: -70000, f32: 0.5, bool: true,
        str: 'héllo', u64: 2n ** 40n, i64: -7n, f64: 1.25, arr: [1, -2, 3], sarr: ['a', 'bc'],
      },
    });
    const [x, y] = info.fullTensorInfo ?? [];
    expect(Number(x?.offset)).toBe(0);
    expect(Number(y?.offset)).toBe(32); // 12 bytes of x padded to general.alignment
    expect(Number(x?.fileOffset) % 32).toBe(0);
    const bytes = await readFile(path);
    const yData = bytes.subarray(Number(y?.fileOffset), Number(y?.fileOffset) + 16);
    expect([...new Float32Array(yData.buffer.slice(yData.byteOffset, yData.byteOffset + 16))]).toEqual([4, 5, 6, 7]);
  });

  it('writes headers that node-llama-cpp reads back as the expected facts', async () => {
    for (const f of fixtures.all) {
      const info = await readGgufFileInfo(f.path, { readTensorInfo: true });
      const facts = f.facts;
      expect(info.version).toBe(3);
      expect(info.metadata.general.architecture).toBe(facts.architecture);
      expect(info.metadata.general.name).toBe(facts.name);
      expect(Number(info.totalTensorCount)).toBe(facts.tensorCount);
      const params = (info.fullTensorInfo ?? []).reduce(
        (sum, t) => sum + t.dimensions.reduce<number>((p, d) => p * Number(d), 1),
        0,
      );
      expect(params).toBe(facts.parameterCount);
      if (facts.kind === 'model') {
        const arch = info.architectureMetadata as Record<string, unknown>;
        expect(arch.context_length).toBe(facts.contextLength);
        expect(arch.block_count).toBe(facts.blockCount);
        expect(arch.expert_count ?? null).toBe(facts.expertCount);
        const attention = arch.attention as Record<string, unknown>;
        expect(attention.head_count_kv ?? null).toBe(facts.headCountKv);
        expect(attention.sliding_window ?? null).toBe(facts.slidingWindow);
        expect(info.metadata.tokenizer.ggml.tokens.length).toBe(facts.vocabSize);
      }
    }
  });

  describe('with node-llama-cpp', () => {
    let llama: Llama;
    const outputs = new Map<string, string>();

    beforeAll(async () => {
      llama = await getLlama({ gpu: false, build: 'never', logLevel: LlamaLogLevel.error });
    });

    afterAll(async () => {
      await llama?.dispose();
    });

    async function chat(
      file: FixtureFile,
      contextOptions: Partial<LlamaContextOptions> = {},
    ): Promise<{ text: string; tokens: number }> {
      const model = await llama.loadModel({ modelPath: file.path });
      try {
        const context = await model.createContext({ contextSize: CONTEXT_SIZE, threads: 1, ...contextOptions });
        try {
          const session = new LlamaChatSession({ contextSequence: context.getSequence(), systemPrompt: SYSTEM_PROMPT });
          let tokens = 0;
          const text = await session.prompt('Hello', {
            maxTokens: 16,
            temperature: 0,
            onToken: (chunk) => { tokens += chunk.length; },
          });
          session.dispose();
          return { text, tokens };
        } finally {
          await context.dispose();
        }
      } finally {
        await model.dispose();
      }
    }

    const modelIds = ['llama-mha', 'llama-gqa', 'mixtral-moe', 'gemma3-swa', 'qwen2', 'qwen3', 'glm4', 'chatglm',
      'baichuan', 'phi3'] as const;

    it.each(modelIds)('%s loads and generates', async (id) => {
      const file = fixtures.byId[id];
      expect(file.facts.kind).toBe('model');
      const { text, tokens } = await chat(file);
      expect(tokens).toBeGreaterThan(0);
      expect(text.length).toBeGreaterThan(0);
      outputs.set(id, text);
    });

    it('covers every model fixture', () => {
      expect([...modelIds].sort()).toEqual(fixtures.models.map((f) => f.id).sort());
    });

    it('gives each model its own greedy text', () => {
      expect(outputs.size).toBe(modelIds.length);
      // UI and e2e tests tell models apart by their answers, so require them all distinct, which is
      // stronger than two architectures differing.
      expect(new Set(outputs.values()).size).toBe(outputs.size);
    });

    it('ran a fixture of every GGUF architecture the catalog says the engine supports', async () => {
      // The Catalog view labels these families "supported"; this is the evidence behind the label.
      const supported = catalogArchitectures(await loadBundledCatalog(), 'supported');
      for (const arch of supported.keys()) {
        expect(modelFixturesOf(arch).filter((id) => outputs.has(id)), arch).not.toEqual([]);
      }
    });

    it('LoRA adapter changes greedy output of its base, and scale 0 reproduces the base', async () => {
      const adapter = fixtures.byId['llama-gqa-lora'];
      const base = fixtures.byId[adapter.facts.adapter?.baseId ?? 'llama-gqa'];
      const lora = (scale: number): Partial<LlamaContextOptions> => ({
        lora: { adapters: [{ filePath: adapter.path, scale }] },
      });
      const plain = await chat(base);
      const adapted = await chat(base, lora(1));
      const zero = await chat(base, lora(0));
      expect(adapted.tokens).toBeGreaterThan(0);
      expect(adapted.text).not.toBe(plain.text);
      expect(zero.text).toBe(plain.text);
    });

    it('LoRA adapter is rejected by a model of another shape or architecture', async () => {
      const adapter = fixtures.byId['llama-gqa-lora'];
      const lora: Partial<LlamaContextOptions> = { lora: { adapters: [{ filePath: adapter.path, scale: 1 }] } };
      // llama-mha: same architecture, wider attn_v; qwen2: different architecture.
      await expect(chat(fixtures.byId['llama-mha'], lora)).rejects.toThrow(/LoRA adapter/);
      await expect(chat(fixtures.byId.qwen2, lora)).rejects.toThrow(/LoRA adapter/);
    });
  });
});
