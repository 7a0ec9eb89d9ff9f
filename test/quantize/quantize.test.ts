import { ORPCError } from '@orpc/client';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoadedModel, QualityResult, QuantizeJob, QuantizeRequestInput } from '../../src/shared/contract';
import type { App } from '../../src/main/composition';
import { SamplingSchema } from '../../src/shared/contract';
import { encodeGguf, type GgufSpec, type GgufTensor } from '../fixtures/gguf/writer';
import { QUANT_MODEL_SIZE, ensureQuantModel } from '../fixtures/quantModels';
import { createTestApp } from '../support/testApp';

// The "done when" journey on one app: an F32 model quantized to Q8_0 and Q4_K_M, each output the
// exact size the dry run predicted, loaded and answering, registered with its lineage, and measured
// against its source (Q8_0 must lose less than Q4_K_M). Faults: quantize.faults.test.ts.

let app: App;
let modelsDir: string;
let source: string;
const dirs: string[] = [];

beforeAll(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'caliper-quantize-'));
  modelsDir = join(dataDir, 'models');
  dirs.push(dataDir);
  mkdirSync(modelsDir, { recursive: true });
  source = join(modelsDir, 'quant-llama-F32.gguf');
  copyFileSync(await ensureQuantModel(), source);
  app = createTestApp(dataDir, modelsDir);
});

afterAll(async () => {
  await app?.dispose();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

export async function untilSettled(a: App, id: string, timeoutMs = 60_000): Promise<QuantizeJob> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = (await a.client.quantize.list()).find((j) => j.id === id);
    if (job && job.state !== 'running') return job;
    if (Date.now() > deadline) throw new Error(`quantization still running: ${JSON.stringify(job)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function quantize(request: QuantizeRequestInput) {
  const plan = await app.client.quantize.plan(request);
  const job = await app.client.quantize.start(request);
  return { plan, job: await untilSettled(app, job.id) };
}

async function answer(path: string): Promise<string> {
  let model: LoadedModel | null = null;
  for await (const e of await app.client.engine.load({ path, settings: { contextSize: 256, threads: 1 } })) if (e.type === 'loaded') model = e.model;
  try {
    let text = '';
    const sampling = SamplingSchema.parse({ temperature: 0, maxTokens: 12, seed: 1 });
    await app.services.engine.generate(model!.instanceId, [{ role: 'user', text: 'Hello' }], sampling, (t) => (text += t));
    return text;
  } finally {
    await app.client.engine.unload({ instanceId: model!.instanceId });
  }
}

async function measure(path: string): Promise<QualityResult> {
  const phases = new Set<string>();
  let result: QualityResult | null = null;
  for await (const e of await app.client.quality.measure({ path, sample: 'en', maxTokens: 64 })) {
    if (e.type === 'progress') phases.add(e.phase);
    else result = e.result;
  }
  expect([...phases]).toEqual(['reference', 'measured', 'speed']);
  return result!;
}

describe('quantizing a generated F32 model', () => {
  let q8: string;
  let q4: string;

  it('writes Q8_0 and Q4_K_M of exactly the predicted size, with their lineage', async () => {
    for (const type of ['Q8_0', 'Q4_K_M'] as const) {
      const { plan, job } = await quantize({ sourcePath: source, type });
      expect(plan).toMatchObject({ sourceFileType: 'F32', requantize: false, fallbackTensors: 0, enoughSpace: true });
      expect(plan.outputPath).toBe(join(modelsDir, `quant-llama-${type}.gguf`));
      expect(plan.fit?.label).toBe('cpu');
      expect(job).toMatchObject({ state: 'done', error: null, predictedBytes: plan.predictedBytes });
      expect(job.tensorsDone).toBe(job.tensorsTotal);
      expect(statSync(plan.outputPath).size).toBe(plan.predictedBytes);
      const lineage = await app.client.quantize.lineage({ path: plan.outputPath });
      expect(lineage).toMatchObject({ sourcePath: source, sourceFileType: 'F32', type, sizeBytes: plan.predictedBytes });
      expect(lineage?.sourceSha256).toMatch(/^[0-9a-f]{64}$/);
      if (type === 'Q8_0') q8 = plan.outputPath;
      else q4 = plan.outputPath;
    }
    // Registered in the library (no partial file ever listed), with the type llama.cpp wrote.
    const files = (await app.client.library.list()).files;
    expect(files.map((f) => f.relativePath).sort()).toEqual(['quant-llama-F32.gguf', 'quant-llama-Q4_K_M.gguf', 'quant-llama-Q8_0.gguf']);
    expect(files.find((f) => f.path === q4)?.facts?.fileType).toBe('Q4_K_M');
    expect(files.find((f) => f.path === q8)?.facts?.fileType).toBe('Q8_0');
  });

  it('both outputs load and generate', async () => {
    expect((await answer(q8)).length).toBeGreaterThan(0);
    expect((await answer(q4)).length).toBeGreaterThan(0);
  });

  it('measures Q8_0 closer to the source than Q4_K_M, saves it, and charts the family', async () => {
    const r8 = await measure(q8);
    const r4 = await measure(q4);
    expect(r8.referencePath).toBe(source);
    expect(r8.tokens).toBe(64);
    expect(r8.klDivergence).toBeGreaterThan(0);
    expect(r8.klDivergence).toBeLessThan(r4.klDivergence);
    expect(r8.perplexity).toBeGreaterThan(1);
    expect(r8.referencePerplexity).toBeCloseTo(r4.referencePerplexity, 6);
    expect(r8.tokensPerSecond).toBeGreaterThan(0);
    expect((await app.client.quality.results({ path: q4 }))[0]).toEqual(r4);

    const family = await app.client.quality.family({ path: q8 });
    expect(family.sourcePath).toBe(source);
    expect(family.points.map((p) => [p.fileType, p.isSource, p.klDivergence])).toEqual([
      ['F32', true, 0],
      ['Q8_0', false, r8.klDivergence],
      ['Q4_K_M', false, r4.klDivergence],
    ]);
  });

  it('measures a Chinese sample and the user’s own text too', async () => {
    let zh: QualityResult | null = null;
    for await (const e of await app.client.quality.measure({ path: q4, sample: 'zh', maxTokens: 32 })) if (e.type === 'done') zh = e.result;
    expect(zh?.sample).toBe('zh');
    expect(zh?.tokens).toBe(32);
    let own: QualityResult | null = null;
    const text = 'The quick brown fox jumps over the lazy dog. '.repeat(4);
    for await (const e of await app.client.quality.measure({ path: q4, sample: 'custom', text, maxTokens: 32 })) if (e.type === 'done') own = e.result;
    expect(own?.sample).toBe('custom');
    // A file measured against itself loses nothing.
    let self: QualityResult | null = null;
    for await (const e of await app.client.quality.measure({ path: q4, referencePath: q4, maxTokens: 16 })) if (e.type === 'done') self = e.result;
    expect(self?.klDivergence).toBe(0);
    expect(self?.topTokenAgreement).toBe(1);
  });

  it('asks for consent before requantizing an already quantized file', async () => {
    const request = { sourcePath: q8, type: 'Q4_0' } as const;
    expect((await app.client.quantize.plan(request)).requantize).toBe(true);
    const error = await app.client.quantize.start(request).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ORPCError);
    expect((error as ORPCError<string, unknown>).code).toBe('REQUANTIZE_NEEDS_CONSENT');
    const { job } = await quantize({ ...request, allowRequantize: true });
    expect(job.state).toBe('done');
    expect((await app.client.quantize.lineage({ path: job.outputPath }))?.options.requantized).toBe(true);
  });

  it('uses an importance matrix from the model folders and records it', async () => {
    const imatrix = join(modelsDir, 'quant-llama.imatrix.gguf');
    writeFileSync(imatrix, encodeGguf(imatrixSpec()));
    const plan = await app.client.quantize.plan({ sourcePath: source, type: 'IQ4_XS', imatrixPath: imatrix });
    expect(plan.imatrixRecommended).toBe(true);
    const job = await untilSettled(app, (await app.client.quantize.start({ sourcePath: source, type: 'IQ4_XS', imatrixPath: imatrix })).id);
    expect(job.state).toBe('done');
    expect(statSync(job.outputPath).size).toBe(plan.predictedBytes);
    expect((await app.client.quantize.lineage({ path: job.outputPath }))?.options.imatrixPath).toBe(imatrix);
    // The matrix reached llama.cpp: the same type without it gives other bytes (same size).
    const withMatrix = readFileSync(job.outputPath);
    await app.client.library.delete({ path: job.outputPath });
    const plain = await untilSettled(app, (await app.client.quantize.start({ sourcePath: source, type: 'IQ4_XS' })).id);
    const without = readFileSync(plain.outputPath);
    expect(without.length).toBe(withMatrix.length);
    expect(without.equals(withMatrix)).toBe(false);
  });

  it('cancelling leaves no file anywhere in the model folder', async () => {
    process.env.CALIPER_QUANTIZE_TENSOR_DELAY_MS = '150';
    try {
      const job = await app.client.quantize.start({ sourcePath: source, type: 'Q6_K' });
      while (((await app.client.quantize.list()).find((j) => j.id === job.id)?.tensorsDone ?? 0) < 2) await new Promise((r) => setTimeout(r, 20));
      await app.client.quantize.cancel({ id: job.id });
      expect((await untilSettled(app, job.id)).state).toBe('cancelled');
      expect(existsSync(job.outputPath)).toBe(false);
      expect(readdirSync(join(modelsDir, '.caliper-partial'))).toEqual([]);
    } finally {
      delete process.env.CALIPER_QUANTIZE_TENSOR_DELAY_MS;
    }
  });
});

/** llama.cpp's GGUF imatrix layout: per weight, squared-activation sums {n_in, 1} and a count {1, 1}. */
function imatrixSpec(): GgufSpec {
  const { nLayer, nEmbd, nFf } = QUANT_MODEL_SIZE;
  const inputs: Record<string, number> = {
    attn_q: nEmbd, attn_k: nEmbd, attn_v: nEmbd, attn_output: nEmbd, ffn_gate: nEmbd, ffn_up: nEmbd, ffn_down: nFf,
  };
  const tensors: GgufTensor[] = [];
  for (let i = 0; i < nLayer; i++) {
    for (const [t, n] of Object.entries(inputs)) {
      const sums = new Float32Array(n).map((_, j) => 10 + (j % 7));
      tensors.push({ name: `blk.${i}.${t}.weight.in_sum2`, dims: [n, 1], data: sums });
      tensors.push({ name: `blk.${i}.${t}.weight.counts`, dims: [1, 1], data: new Float32Array([10]) });
    }
  }
  return { metadata: [{ key: 'general.type', type: 'string', value: 'imatrix' }], tensors };
}
