// The catalog says which families Caliper's engine runs. That claim rests on the generated
// fixtures: each GGUF architecture of a `supported` family must have one, and
// test/integration/fixtures.test.ts loads every model fixture in node-llama-cpp and generates
// (its last test checks this same map against the fixtures that actually produced tokens).
import { beforeAll, describe, expect, it } from 'vitest';
import type { CatalogFamily } from '../../src/shared/contract';
import { catalogArchitectures, loadBundledCatalog, modelFixturesOf } from '../fixtures/catalogCoverage';

describe('catalog architecture coverage', () => {
  let families: CatalogFamily[];

  beforeAll(async () => {
    families = await loadBundledCatalog();
  });

  it('has a generated fixture for every GGUF architecture of a supported family', () => {
    const supported = catalogArchitectures(families, 'supported');
    expect(supported.size).toBeGreaterThan(0);
    const missing = [...supported].filter(([arch]) => modelFixturesOf(arch).length === 0).map(([arch, ids]) => `${arch} (${ids.join(', ')})`);
    expect(missing).toEqual([]);
  });

  it('maps the architectures the brief calls out to their fixtures', () => {
    // Mistral and Mixtral are `llama` in GGUF; the MoE and sliding-window fixtures stand in for them.
    expect(modelFixturesOf('llama')).toEqual(expect.arrayContaining(['llama-mha', 'llama-gqa', 'mixtral-moe']));
    expect(modelFixturesOf('gemma3')).toContain('gemma3-swa');
    for (const arch of ['qwen2', 'qwen3', 'glm4', 'chatglm', 'baichuan', 'phi3']) expect(modelFixturesOf(arch), arch).toHaveLength(1);
  });

  it('labels a family "untested" only while no fixture covers its architecture', () => {
    // Once a fixture exists the family should say `supported`; this keeps the label from going stale.
    const untested = [...catalogArchitectures(families, 'untested')].filter(([arch]) => modelFixturesOf(arch).length > 0);
    expect(untested).toEqual([]);
  });
});
