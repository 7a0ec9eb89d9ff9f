import { describe, expect, it } from 'vitest';
import { ggufDetails, specialTokenIds } from './ggufDetails';
import type { GgufHeader, GgufValue } from './readGgufHeader';

const header = (entries: Array<[string, GgufValue]>): GgufHeader => ({
  version: 3,
  metadata: new Map(entries),
  tensors: [],
  dataOffset: 0,
  fileSize: 0,
  alignment: 32,
  metaBytes: 0,
});

describe('ggufDetails bounds what a header can send to the UI', () => {
  it('cuts a huge template and says so, and caps the number of keys listed', () => {
    const keys: Array<[string, GgufValue]> = Array.from({ length: 1500 }, (_, i) => [`junk.${i}`, i]);
    const details = ggufDetails(header([['tokenizer.chat_template', 'x'.repeat(300_000)], ...keys]));
    expect(details.chatTemplates[0]).toMatchObject({ name: null, truncated: true });
    expect(details.chatTemplates[0]?.text).toHaveLength(256 * 1024);
    expect(details.metadata).toHaveLength(1000);
    expect(details.metadataCount).toBe(1501);
    expect(details.metadata[0]).toMatchObject({ key: 'tokenizer.chat_template', truncated: true });
    expect(String(details.metadata[0]?.value)).toHaveLength(1024);
  });

  it('shows 64-bit values as text, f32 values with the digits they hold, and short arrays in part', () => {
    const details = ggufDetails(
      header([
        ['big', 2n ** 63n],
        ['eps', 9.999999747378752e-6],
        ['layers', { arrayLength: 40, items: Array.from({ length: 40 }, (_, i) => i), }],
        ['vocab', { arrayLength: 150_000, items: null, picked: new Map([[5, 'five']]) }],
      ]),
    );
    const byKey = Object.fromEntries(details.metadata.map((m) => [m.key, m]));
    expect(byKey['big']?.value).toBe('9223372036854775808');
    expect(byKey['eps']?.value).toBe(0.00001);
    expect(byKey['layers']).toMatchObject({ arrayLength: 40, truncated: true });
    expect(byKey['layers']?.items).toHaveLength(16);
    expect(byKey['vocab']).toMatchObject({ arrayLength: 150_000, items: null, truncated: true });
  });

  it('asks for special token texts only when the vocabulary was too long to keep, and only ids inside it', () => {
    const long = header([
      ['tokenizer.ggml.tokens', { arrayLength: 1000, items: null }],
      ['tokenizer.ggml.bos_token_id', 1],
      ['tokenizer.ggml.eos_token_id', 5000],
      ['tokenizer.ggml.padding_token_id', -1],
    ]);
    expect(specialTokenIds(long)).toEqual([1]);
    const short = header([['tokenizer.ggml.tokens', { arrayLength: 2, items: ['<s>', '</s>'] }], ['tokenizer.ggml.eos_token_id', 1]]);
    expect(specialTokenIds(short)).toEqual([]);
    expect(ggufDetails(short).tokenizer.eos).toEqual({ id: 1, text: '</s>' });
    expect(ggufDetails(long).tokenizer.eos).toEqual({ id: 5000, text: null });
  });
});
