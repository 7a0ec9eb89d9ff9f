import { copyFileSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KvCacheChart } from '../shared/contract';
import { ensureFixtures, type FixtureSet } from '../../test/fixtures/generate';
import { encodeGguf, type GgufMetadataEntry } from '../../test/fixtures/gguf/writer';
import { CHATML_TEMPLATE, VOCAB, VOCAB_SIZE } from '../../test/fixtures/models';
import { createTestApp } from '../../test/support/testApp';
import type { App } from './composition';
import { kvContextSizes } from './services/library/inspectModel';
import { rejection } from '../../test/support/rejection';

// One app and folder set for the whole file (the engine probe starts once).
const made: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'caliper-inspect-'));
  made.push(dir);
  return dir;
};
let fixtures: FixtureSet;
let app: App;
let models: string;
let outside: string;

const HOSTILE_TEMPLATE = '<script>alert(1)</script>{{ messages }}<img src=x onerror=alert(2)>';

/** A header-only llama with head size 64 (every cache type applies) and the license keys. */
function licensedModel(): Buffer {
  const vocab = Array.from({ length: 300 }, (_, i) => `tok${i}`);
  const md: GgufMetadataEntry[] = [
    { key: 'general.architecture', type: 'string', value: 'llama' },
    { key: 'general.name', type: 'string', value: 'Licensed Llama' },
    { key: 'general.license', type: 'string', value: 'apache-2.0' },
    { key: 'general.license.name', type: 'string', value: 'Apache License 2.0' },
    { key: 'general.license.link', type: 'string', value: 'https://www.apache.org/licenses/LICENSE-2.0' },
    { key: 'general.author', type: 'string', value: 'Caliper Tests' },
    { key: 'general.organization', type: 'string', value: 'Caliper' },
    { key: 'general.repo_url', type: 'string', value: 'https://example.org/caliper/llama' },
    { key: 'general.basename', type: 'string', value: 'Licensed-Llama' },
    { key: 'general.size_label', type: 'string', value: '1M' },
    { key: 'general.finetune', type: 'string', value: 'Instruct' },
    { key: 'llama.context_length', type: 'u32', value: 8192 },
    { key: 'llama.embedding_length', type: 'u32', value: 256 },
    { key: 'llama.block_count', type: 'u32', value: 4 },
    { key: 'llama.feed_forward_length', type: 'u32', value: 512 },
    { key: 'llama.attention.head_count', type: 'u32', value: 4 },
    { key: 'llama.attention.head_count_kv', type: 'u32', value: 2 },
    { key: 'llama.attention.layer_norm_rms_epsilon', type: 'f32', value: 1e-5 },
    { key: 'tokenizer.ggml.model', type: 'string', value: 'gpt2' },
    { key: 'tokenizer.ggml.pre', type: 'string', value: 'qwen2' },
    { key: 'tokenizer.ggml.tokens', type: 'array', itemType: 'string', value: vocab },
    { key: 'tokenizer.ggml.bos_token_id', type: 'u32', value: 7 },
    { key: 'tokenizer.ggml.eos_token_id', type: 'u32', value: 299 },
    { key: 'tokenizer.ggml.padding_token_id', type: 'u32', value: 150 },
    { key: 'tokenizer.ggml.add_bos_token', type: 'bool', value: false },
    { key: 'tokenizer.chat_template', type: 'string', value: HOSTILE_TEMPLATE },
    { key: 'tokenizer.chat_template.tool_use', type: 'string', value: '{{ tools }}' },
  ];
  return encodeGguf({ metadata: md, tensors: [{ name: 'token_embd.weight', dims: [256, 4], data: new Float32Array(1024) }] });
}

beforeAll(async () => {
  fixtures = await ensureFixtures();
  models = tempDir();
  outside = tempDir();
  for (const id of ['llama-mha', 'llama-gqa', 'gemma3-swa', 'llama-gqa-lora'] as const) {
    copyFileSync(fixtures.byId[id].path, join(models, `${id}.gguf`));
  }
  writeFileSync(join(models, 'licensed.gguf'), licensedModel());
  writeFileSync(join(models, 'notes.gguf'), 'not a model');
  copyFileSync(fixtures.byId['qwen2'].path, join(outside, 'secret.gguf'));
  symlinkSync(join(outside, 'secret.gguf'), join(models, 'link-out.gguf'));
  app = createTestApp(tempDir(), models);
});
afterAll(async () => {
  await app?.dispose();
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

const bytesAt = (chart: KvCacheChart | null, type: string, contextSize: number) => {
  const i = chart?.contextSizes.indexOf(contextSize) ?? -1;
  return chart?.series.find((s) => s.type === type)?.bytes[i];
};


describe('library.inspect', () => {
  it('shows the chat template, the tokenizer with its special tokens, and every metadata key', async () => {
    const details = await app.client.library.inspect({ path: join(models, 'llama-gqa.gguf') });
    expect(details.chatTemplates).toEqual([{ name: null, text: CHATML_TEMPLATE, truncated: false }]);
    expect(details.tokenizer).toEqual({
      model: 'llama',
      pre: null,
      vocabSize: VOCAB_SIZE,
      bos: { id: 1, text: VOCAB.tokens[1] },
      eos: { id: 2, text: VOCAB.tokens[2] },
      pad: null,
      unknown: { id: 0, text: VOCAB.tokens[0] },
      addBos: null,
      addEos: null,
    });
    expect(details.license.license).toBeNull();
    // Long arrays are summarised: the length, no items.
    const tokens = details.metadata.find((m) => m.key === 'tokenizer.ggml.tokens');
    expect(tokens).toMatchObject({ arrayLength: VOCAB_SIZE, items: null, truncated: true });
    expect(details.metadata.find((m) => m.key === 'llama.attention.head_count_kv')?.value).toBe(2);
    expect(details.metadata.find((m) => m.key === 'llama.attention.layer_norm_rms_epsilon')?.value).toBe(0.00001);
    expect(details.metadataCount).toBe(details.metadata.length);
  });

  it('charts the KV cache: grouped-query attention halves it, a sliding window bounds it', async () => {
    const inspect = (id: string) => app.client.library.inspect({ path: join(models, `${id}.gguf`) });
    const [mha, gqa, swa] = await Promise.all([inspect('llama-mha'), inspect('llama-gqa'), inspect('gemma3-swa')]);
    expect(mha.kvCache?.contextSizes).toEqual([512, 1024, 2048]);
    expect(gqa.kvCache?.contextSizes).toEqual([512, 1024, 2048, 2304]);
    // 2 layers × (K + V) × 4 KV heads × head size 16 × 2048 cells × 2 bytes (F16).
    expect(bytesAt(mha.kvCache, 'F16', 2048)).toBe(2 * 2 * 4 * 16 * 2048 * 2);
    expect(bytesAt(gqa.kvCache, 'F16', 2048)).toBe(bytesAt(mha.kvCache, 'F16', 2048)! / 2);
    // Head size 16 is not a multiple of Q8_0/Q4_0's 32-element block: llama.cpp refuses them.
    expect(gqa.kvCache?.series.map((s) => s.type)).toEqual(['F16']);
    expect(gqa.kvCache?.unsupported).toEqual([
      { type: 'Q8_0', headSize: 16, blockSize: 32 },
      { type: 'Q4_0', headSize: 16, blockSize: 32 },
    ]);

    // gemma3-swa: layer 0 keeps a 128-token window (768 cells padded), layer 1 everything.
    expect(swa.kvCache?.slidingWindow).toBe(128);
    expect(bytesAt(swa.kvCache, 'F16', 2048)).toBe((768 + 2048) * 2 * 2 * 16 * 2);
    const growth = (chart: KvCacheChart | null) => bytesAt(chart, 'F16', 2048)! - bytesAt(chart, 'F16', 1024)!;
    expect(growth(swa.kvCache)).toBe(growth(gqa.kvCache) / 2);
    expect(bytesAt(swa.kvCache, 'F16', 2048)).toBeLessThan(bytesAt(gqa.kvCache, 'F16', 2048)!);
  });

  it('reads license keys, named templates and picked special tokens; every cache type fits head size 64', async () => {
    const details = await app.client.library.inspect({ path: join(models, 'licensed.gguf') });
    expect(details.license).toEqual({
      license: 'apache-2.0',
      licenseName: 'Apache License 2.0',
      licenseLink: 'https://www.apache.org/licenses/LICENSE-2.0',
      author: 'Caliper Tests',
      organization: 'Caliper',
      url: null,
      repoUrl: 'https://example.org/caliper/llama',
      basename: 'Licensed-Llama',
      sizeLabel: '1M',
      finetune: 'Instruct',
      version: null,
    });
    // The template is data: returned verbatim, for the UI to show as text.
    expect(details.chatTemplates.map((t) => [t.name, t.text])).toEqual([
      [null, HOSTILE_TEMPLATE],
      ['tool_use', '{{ tools }}'],
    ]);
    expect(details.tokenizer).toMatchObject({
      model: 'gpt2',
      pre: 'qwen2',
      vocabSize: 300,
      bos: { id: 7, text: 'tok7' },
      eos: { id: 299, text: 'tok299' },
      pad: { id: 150, text: 'tok150' },
      addBos: false,
    });
    const chart = details.kvCache;
    expect(chart?.contextSizes).toEqual([512, 1024, 2048, 4096, 8192]);
    expect(chart?.unsupported).toEqual([]);
    const f16 = bytesAt(chart, 'F16', 4096)!;
    // 4 layers × (K + V) × 2 KV heads × 64 × 4096 cells × 2 bytes; Q8_0 34 and Q4_0 18 bytes per 32.
    expect(f16).toBe(4 * 2 * 2 * 64 * 4096 * 2);
    expect(bytesAt(chart, 'Q8_0', 4096)).toBe((f16 / 2 / 32) * 34);
    expect(bytesAt(chart, 'Q4_0', 4096)).toBe((f16 / 2 / 32) * 18);
  });

  it('has no KV cache for an adapter, and refuses files that are not GGUF models', async () => {
    const adapter = await app.client.library.inspect({ path: join(models, 'llama-gqa-lora.gguf') });
    expect(adapter.kvCache).toBeNull();
    expect(adapter.kvCacheProblem).toBeNull();
    const notModel = await rejection(app.client.library.inspect({ path: join(models, 'notes.gguf') }));
    expect(notModel.code).toBe('NOT_A_GGUF');
    expect(notModel.data).toMatchObject({ problem: 'BAD_MAGIC' });
  });

  it('refuses paths outside the model folders: `..`, absolute, and symlinks that lead out', async () => {
    const paths = [
      join(outside, 'secret.gguf'),
      join(models, '..', basename(outside), 'secret.gguf'),
      join(models, 'link-out.gguf'),
      join(models, 'missing.gguf'),
      '/etc/passwd',
    ];
    for (const path of paths) {
      const error = await rejection(app.client.library.inspect({ path }));
      expect(error.code, path).toBe('PATH_NOT_IN_LIBRARY');
    }
    const input = await rejection(app.client.library.inspect({ path: '' }));
    expect(input.code).toBe('INVALID_INPUT');
  });
});

describe('kvContextSizes', () => {
  it('doubles from 512 to the trained context, which ends the range', () => {
    expect(kvContextSizes(4096)).toEqual([512, 1024, 2048, 4096]);
    expect(kvContextSizes(2304)).toEqual([512, 1024, 2048, 2304]);
    expect(kvContextSizes(100)).toEqual([512]);
    expect(kvContextSizes(null).at(-1)).toBe(32_768);
    expect(kvContextSizes(10_000_000).at(-1)).toBe(1_048_576);
  });
});
