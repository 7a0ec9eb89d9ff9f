import { readFileSync } from 'node:fs';
import { encodeGguf, type GgufSpec } from '../fixtures/gguf/writer';
import { FIXTURES } from '../fixtures/models';
import type { FixtureSet } from '../fixtures/generate';
import type { FakeHubModel } from './fakeHub';

/**
 * A real split GGUF as llama.cpp's gguf-split writes it: every part carries `split.*` keys and
 * its own tensors; only the first carries the model's metadata.
 */
export function splitGguf(spec: GgufSpec, parts: number): Buffer[] {
  const per = Math.ceil(spec.tensors.length / parts);
  return Array.from({ length: parts }, (_, i) =>
    encodeGguf({
      metadata: [
        ...(i === 0 ? spec.metadata : []),
        { key: 'split.no', type: 'u16', value: i },
        { key: 'split.count', type: 'u16', value: parts },
        { key: 'split.tensors.count', type: 'i32', value: spec.tensors.length },
      ],
      tensors: spec.tensors.slice(i * per, (i + 1) * per),
    }),
  );
}

const card = (license: string, text: string) =>
  `---\nlicense: ${license}\ntags:\n- gguf\n---\n\n# Model card\n\n<img src="x" onerror="alert(1)">\n\n${text}\n\n| a | b |\n|---|---|\n| 1 | 2 |\n`;

/** The loopback Hub's catalogue, built from the generated fixtures (real GGUF files). */
export function fixtureHubModels(fixtures: FixtureSet): FakeHubModel[] {
  const file = (id: keyof FixtureSet['byId']) => readFileSync(fixtures.byId[id].path);
  const qwenSpec = FIXTURES.find((f) => f.facts.id === 'qwen2')!.build();
  const [part1, part2] = splitGguf(qwenSpec, 2);
  return [
    {
      id: 'caliper-test/Tiny-Qwen2-GGUF',
      downloads: 5000,
      likes: 40,
      lastModified: '2026-10-01T00:00:00.000Z',
      tags: ['gguf', 'text-generation', 'qwen2'],
      pipelineTag: 'text-generation',
      license: 'apache-2.0',
      baseModel: 'Qwen/Qwen2.5-0.5B-Instruct',
      card: card('apache-2.0', 'A **tiny** Qwen2-architecture model generated for tests. It answers in ChatML.'),
      files: [
        { path: 'README.md', content: Buffer.from(card('apache-2.0', 'A **tiny** Qwen2-architecture model generated for tests. It answers in ChatML.')) },
        { path: 'tiny-qwen2-F32.gguf', content: file('qwen2') },
        { path: 'split/tiny-qwen2-F32-00001-of-00002.gguf', content: part1! },
        { path: 'split/tiny-qwen2-F32-00002-of-00002.gguf', content: part2! },
      ],
    },
    {
      id: 'caliper-test/Tiny-Llama-GGUF',
      downloads: 9000,
      likes: 12,
      lastModified: '2026-06-01T00:00:00.000Z',
      tags: ['gguf', 'text-generation', 'llama'],
      license: 'llama3.1',
      files: [
        { path: 'README.md', content: Buffer.from(card('llama3.1', 'A tiny Llama with grouped-query attention.')) },
        { path: 'tiny-llama-gqa-F32.gguf', content: file('llama-gqa') },
        { path: 'tiny-llama-mha-F32.gguf', content: file('llama-mha') },
      ],
    },
    {
      id: 'caliper-test/Tiny-MoE-GGUF',
      downloads: 100,
      likes: 90,
      lastModified: '2026-11-20T00:00:00.000Z',
      tags: ['gguf', 'moe'],
      license: 'apache-2.0',
      files: [{ path: 'tiny-mixtral-moe-F32.gguf', content: file('mixtral-moe') }],
    },
    {
      id: 'caliper-test/Gated-GGUF',
      downloads: 10,
      likes: 1,
      tags: ['gguf'],
      gatedToken: 'hf_secret_token_123',
      files: [{ path: 'gated-F32.gguf', content: file('qwen3') }],
    },
    { id: 'caliper-test/Not-GGUF', downloads: 99999, tags: ['pytorch'], files: [] },
  ];
}

/**
 * Repositories the catalog recommends as first models, under their real ids, holding generated
 * fixtures: the starter model is picked from the catalog and looked up on the Hub by these ids.
 * `only` limits them to some ids (to make the first choices missing).
 */
export function starterHubModels(fixtures: FixtureSet, only?: readonly string[]): FakeHubModel[] {
  const file = (id: keyof FixtureSet['byId']) => readFileSync(fixtures.byId[id].path);
  const models: FakeHubModel[] = [
    {
      id: 'Qwen/Qwen3-1.7B-GGUF',
      downloads: 300_000,
      tags: ['gguf', 'text-generation', 'qwen3'],
      license: 'apache-2.0',
      files: [
        { path: 'Qwen3-1.7B-Q8_0.gguf', content: file('qwen3') },
        { path: 'Qwen3-1.7B-Q4_K_M.gguf', content: file('qwen3') },
      ],
    },
    {
      id: 'HuggingFaceTB/SmolLM2-1.7B-Instruct-GGUF',
      downloads: 80_000,
      tags: ['gguf', 'text-generation', 'llama'],
      license: 'apache-2.0',
      files: [{ path: 'smollm2-1.7b-instruct-q4_k_m.gguf', content: file('llama-gqa') }],
    },
  ];
  return only ? models.filter((m) => only.includes(m.id)) : models;
}
