import { ORPCError } from '@orpc/client';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoadedModel, LoadSettingsInput } from '../../src/shared/contract';
import { SamplingSchema } from '../../src/shared/contract';
import type { App } from '../../src/main/composition';
import { ensureFixtures } from '../fixtures/generate';
import { createTestApp } from '../support/testApp';

// LoRA adapters: listed against a model with the reason when they do not fit, applied with a scale
// at load time (what chat and Compare use), refused before loading when made for another base.

let app: App;
let dataDir: string;
let modelsDir: string;
const at = (name: string) => join(modelsDir, `${name}.gguf`);

beforeAll(async () => {
  const fixtures = await ensureFixtures();
  dataDir = mkdtempSync(join(tmpdir(), 'caliper-lora-'));
  modelsDir = join(dataDir, 'models');
  mkdirSync(modelsDir, { recursive: true });
  for (const id of ['llama-gqa', 'llama-mha', 'qwen2', 'llama-gqa-lora'] as const) copyFileSync(fixtures.byId[id].path, at(id));
  app = createTestApp(dataDir, modelsDir);
});
afterAll(async () => {
  await app.dispose();
  rmSync(dataDir, { recursive: true, force: true });
});

async function answer(path: string, settings: LoadSettingsInput): Promise<string> {
  let model: LoadedModel | null = null;
  for await (const e of await app.client.engine.load({ path, settings: { contextSize: 256, threads: 1, ...settings } })) {
    if (e.type === 'loaded') model = e.model;
  }
  try {
    let text = '';
    await app.services.engine.generate(model!.instanceId, [{ role: 'user', text: 'Hello' }], SamplingSchema.parse({ temperature: 0, maxTokens: 16 }), (t) => (text += t));
    return text;
  } finally {
    await app.client.engine.unload({ instanceId: model!.instanceId });
  }
}

describe('LoRA adapters', () => {
  it('are listed against a model: fitting, or with the reason they do not', async () => {
    expect(await app.client.lora.forModel({ path: at('llama-gqa') })).toEqual([
      expect.objectContaining({ path: at('llama-gqa-lora'), compatible: true, reason: null }),
    ]);
    const [qwen] = await app.client.lora.forModel({ path: at('qwen2') });
    expect(qwen).toMatchObject({ compatible: false, reason: 'ARCHITECTURE', detail: 'llama ≠ qwen2' });
    const [mha] = await app.client.lora.forModel({ path: at('llama-mha') });
    expect(mha).toMatchObject({ compatible: false, reason: 'SHAPE' });
  });

  it('change the answer when attached with a scale; scale 0 is the base', async () => {
    const base = await answer(at('llama-gqa'), {});
    const adapted = await answer(at('llama-gqa'), { lora: [{ path: at('llama-gqa-lora'), scale: 1 }] });
    const zero = await answer(at('llama-gqa'), { lora: [{ path: at('llama-gqa-lora'), scale: 0 }] });
    expect(adapted).not.toBe(base);
    expect(zero).toBe(base);
  });

  it('made for another base are refused with the reason before anything loads', async () => {
    const error = await app.client.engine
      .load({ path: at('qwen2'), settings: { lora: [{ path: at('llama-gqa-lora'), scale: 1 }] } })
      .then(async (events) => {
        for await (const _ of events);
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ORPCError);
    expect(error).toMatchObject({ code: 'ADAPTER_MISMATCH', data: { reason: 'ARCHITECTURE' } });
    expect(await app.client.engine.list()).toEqual([]);
  });
});
