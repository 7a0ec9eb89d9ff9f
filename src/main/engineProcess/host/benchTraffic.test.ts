import { describe, expect, it } from 'vitest';
import type { GgufHeader, GgufValue } from '../../gguf/readGgufHeader';
import { bytesForToken, bytesPerGeneratedToken, tensorBytes, trafficModel } from './benchTraffic';

// Every expected number below is worked out by hand in the comment beside it.
const F32 = 0;
const Q8_0 = 8;
const Q4_K = 12;

interface Spec {
  arch: string;
  keys: Record<string, GgufValue>;
  tensors: Array<[name: string, dims: number[], type?: number]>;
}

function header({ arch, keys, tensors }: Spec): GgufHeader {
  const metadata = new Map<string, GgufValue>([['general.architecture', arch]]);
  for (const [k, v] of Object.entries(keys)) metadata.set(`${arch}.${k}`, v);
  return {
    version: 3,
    metadata,
    tensors: tensors.map(([name, dims, type = F32]) => ({ name, dims, type, offset: 0 })),
    dataOffset: 0,
    fileSize: 0,
    alignment: 32,
    metaBytes: 0,
  } as GgufHeader;
}

/** 2 layers, n_embd 64, 4 heads of 16, n_ff 128, vocabulary 300, all F32 (the fixtures' shape). */
function llamaTensors(kvWidth: number, output = true): Spec['tensors'] {
  const layer = (i: number): Spec['tensors'] => [
    [`blk.${i}.attn_norm.weight`, [64]],
    [`blk.${i}.attn_q.weight`, [64, 64]],
    [`blk.${i}.attn_k.weight`, [64, kvWidth]],
    [`blk.${i}.attn_v.weight`, [64, kvWidth]],
    [`blk.${i}.attn_output.weight`, [64, 64]],
    [`blk.${i}.ffn_norm.weight`, [64]],
    [`blk.${i}.ffn_gate.weight`, [64, 128]],
    [`blk.${i}.ffn_up.weight`, [64, 128]],
    [`blk.${i}.ffn_down.weight`, [128, 64]],
  ];
  return [
    ['token_embd.weight', [64, 300]],
    ['output_norm.weight', [64]],
    ...(output ? ([['output.weight', [64, 300]]] as Spec['tensors']) : []),
    ...layer(0),
    ...layer(1),
  ];
}

const llamaKeys = { block_count: 2, embedding_length: 64, 'attention.head_count': 4, feed_forward_length: 128 };

describe('bytes read per generated token', () => {
  it('sizes tensors by their ggml blocks', () => {
    expect(tensorBytes(F32, [64, 300])).toBe(76_800); // 19 200 elements × 4
    expect(tensorBytes(Q8_0, [64, 300])).toBe(20_400); // 600 blocks of 32 × 34 bytes
    expect(tensorBytes(Q4_K, [256, 512])).toBe(73_728); // 512 blocks of 256 × 144 bytes
  });

  it('dense multi-head: every weight once, one embedding row, K and V of every position', () => {
    const model = trafficModel(header({ arch: 'llama', keys: llamaKeys, tensors: llamaTensors(64) }), 'F16');
    // Per layer: norms 2 × 256, q/k/v/o 4 × 16 384, gate/up/down 3 × 32 768 = 164 352; two layers 328 704.
    // Plus one embedding row (64 × 4 = 256), output_norm 256 and output 76 800: 406 016.
    expect(model.weightBytes).toBe(406_016);
    // K and V: 4 KV heads × (16 + 16) × 2 bytes (F16) = 256 per position per layer.
    expect(model.layers).toEqual([
      { kvBytesPerPosition: 256, window: null },
      { kvBytesPerPosition: 256, window: null },
    ]);
    // The token at position 9 attends to 10 positions in 2 layers: 406 016 + 10 × 512.
    expect(bytesForToken(model, 9)).toBe(411_136);
    // tg4 from an empty context: 1, 2, 3, 4 positions, mean 2.5 × 512 = 1 280 on top of the weights.
    expect(bytesPerGeneratedToken(model, { nPrompt: 0, nGen: 4, depth: 0 })).toBe(407_296);
    expect(bytesPerGeneratedToken(model, { nPrompt: 512, nGen: 0, depth: 0 })).toBeNull();
  });

  it('GQA: K and V rows only as wide as the KV heads, at the cache type’s size', () => {
    const keys = { ...llamaKeys, 'attention.head_count_kv': 1 };
    const model = trafficModel(header({ arch: 'llama', keys, tensors: llamaTensors(16) }), 'Q8_0');
    // k and v shrink to {64, 16}: 2 × 4 096 instead of 2 × 16 384 per layer, 2 × 24 576 less in all.
    expect(model.weightBytes).toBe(406_016 - 49_152);
    // 1 KV head × (16 + 16) elements × 34/32 bytes (Q8_0) = 34 per position per layer.
    expect(model.layers.map((l) => l.kvBytesPerPosition)).toEqual([34, 34]);
    // tg1 at depth 99: the token attends to 100 positions in 2 layers.
    expect(bytesPerGeneratedToken(model, { nPrompt: 0, nGen: 1, depth: 99 })).toBe(356_864 + 6_800);
    // pp8+tg2 at depth 10: the generated tokens sit at positions 18 and 19 (19 and 20 attended).
    expect(bytesPerGeneratedToken(model, { nPrompt: 8, nGen: 2, depth: 10 })).toBe(356_864 + 68 * 19.5);
  });

  it('MoE: expert tensors count only the experts a token uses', () => {
    const layer = (i: number): Spec['tensors'] => [
      [`blk.${i}.attn_norm.weight`, [64]],
      [`blk.${i}.attn_q.weight`, [64, 64]],
      [`blk.${i}.attn_k.weight`, [64, 64]],
      [`blk.${i}.attn_v.weight`, [64, 64]],
      [`blk.${i}.attn_output.weight`, [64, 64]],
      [`blk.${i}.ffn_norm.weight`, [64]],
      [`blk.${i}.ffn_gate_inp.weight`, [64, 4]],
      [`blk.${i}.ffn_gate_exps.weight`, [64, 128, 4]],
      [`blk.${i}.ffn_up_exps.weight`, [64, 128, 4]],
      [`blk.${i}.ffn_down_exps.weight`, [128, 64, 4]],
    ];
    const keys = { ...llamaKeys, expert_count: 4, expert_used_count: 2 };
    const tensors: Spec['tensors'] = [['token_embd.weight', [64, 300]], ['output_norm.weight', [64]], ['output.weight', [64, 300]], ...layer(0), ...layer(1)];
    const model = trafficModel(header({ arch: 'llama', keys, tensors }), 'F16');
    // Per layer: norms 512, attention 65 536, router {64, 4} 1 024, experts 3 × 131 072 × 2/4 = 196 608: 263 680.
    // Two layers 527 360, plus embedding row 256, output_norm 256, output 76 800.
    expect(model.weightBytes).toBe(604_672);
  });

  it('sliding window: a windowed layer reads at most its window; tied embeddings are read whole', () => {
    const keys = { ...llamaKeys, 'attention.head_count_kv': 2, 'attention.sliding_window': 256, 'attention.sliding_window_pattern': 2 };
    const tensors = llamaTensors(32, false).map(([name, dims]) => [name, dims] as Spec['tensors'][number]);
    const model = trafficModel(header({ arch: 'gemma3', keys, tensors }), 'F16');
    // Pattern 2: layer 0 slides (0 % 2 < 1), layer 1 is global. 2 KV heads × 32 × 2 bytes = 128 per position.
    expect(model.layers).toEqual([
      { kvBytesPerPosition: 128, window: 256 },
      { kvBytesPerPosition: 128, window: null },
    ]);
    // No output.weight: the logits read the whole 76 800-byte embedding. Layers: k/v {64, 32} = 8 192 each.
    const perLayer = 512 + 2 * 16_384 + 2 * 8_192 + 3 * 32_768;
    expect(model.weightBytes).toBe(76_800 + 256 + 2 * perLayer);
    // Position 999 (1000 attended): the windowed layer reads 256 positions, the global one 1000.
    expect(bytesForToken(model, 999) - model.weightBytes).toBe(128 * 256 + 128 * 1000);
    // Within the window both layers read everything: position 99 → 2 × 100 × 128.
    expect(bytesForToken(model, 99) - model.weightBytes).toBe(25_600);
  });

  it('ignores a sliding_window key on architectures llama.cpp does not window', () => {
    const keys = { ...llamaKeys, 'attention.sliding_window': 16 };
    const model = trafficModel(header({ arch: 'llama', keys, tensors: llamaTensors(64) }), 'F16');
    expect(model.layers.every((l) => l.window === null)).toBe(true);
  });

  it('reads per-layer head counts and an explicit per-layer window pattern', () => {
    const keys: Record<string, GgufValue> = {
      ...llamaKeys,
      'attention.head_count_kv': { arrayLength: 2, items: [4, 1] },
      'attention.sliding_window': 8,
      'attention.sliding_window_pattern': { arrayLength: 2, items: [false, true] },
    };
    const model = trafficModel(header({ arch: 'gemma3', keys, tensors: llamaTensors(64, false) }), 'F16');
    expect(model.layers).toEqual([
      { kvBytesPerPosition: 256, window: null },
      { kvBytesPerPosition: 64, window: 8 },
    ]);
  });
});
