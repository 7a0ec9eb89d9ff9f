import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureFixtures, type FixtureSet } from '../../../test/fixtures/generate';
import { encodeGguf, type GgufSpec } from '../../../test/fixtures/gguf/writer';
import { useTempDirs } from '../../../test/support/tempDir';
import type { GgufProblemCode } from '../../shared/contract';
import { ggufFacts } from './ggufFacts';
import { GgufFormatError, readGgufHeader } from './readGgufHeader';

const tempDir = useTempDirs();
let fixtures: FixtureSet;
beforeAll(async () => {
  fixtures = await ensureFixtures();
});

const small: GgufSpec = {
  metadata: [
    { key: 'general.architecture', type: 'string', value: 'llama' },
    { key: 'general.name', type: 'string', value: 'tiny' },
    { key: 'llama.context_length', type: 'u32', value: 512 },
    { key: 'tokenizer.ggml.tokens', type: 'array', itemType: 'string', value: ['a', 'b', 'c'] },
  ],
  tensors: [{ name: 'token_embd.weight', dims: [8, 3], data: new Float32Array(24) }],
};

function file(bytes: Buffer): string {
  const path = join(tempDir(), 'model.gguf');
  writeFileSync(path, bytes);
  return path;
}

function problemOf(bytes: Buffer): GgufProblemCode {
  try {
    ggufFacts(readGgufHeader(file(bytes)));
  } catch (error) {
    if (error instanceof GgufFormatError) return error.code;
    throw error;
  }
  throw new Error('expected the header to be rejected');
}

/** Offset of the first metadata key's length field: magic, version, tensor count, kv count. */
const FIRST_KV = 4 + 4 + 8 + 8;

describe('readGgufHeader', () => {
  it('reports the facts of every generated model exactly as they were written', () => {
    for (const fixture of fixtures.all) {
      const facts = ggufFacts(readGgufHeader(fixture.path));
      const expected = fixture.facts;
      expect(facts, fixture.id).toMatchObject({
        architecture: expected.architecture,
        name: expected.name,
        parameterCount: expected.parameterCount,
        fileType: expected.fileType,
        contextLength: expected.contextLength,
        blockCount: expected.blockCount,
        embeddingLength: expected.embeddingLength,
        feedForwardLength: expected.feedForwardLength,
        headCount: expected.headCount,
        headCountKv: expected.headCountKv ?? expected.headCount,
        expertCount: expected.expertCount,
        expertUsedCount: expected.expertUsedCount,
        slidingWindow: expected.slidingWindow,
        vocabSize: expected.vocabSize,
        tensorCount: expected.tensorCount,
        kind: expected.kind,
      });
    }
  });

  it('reads a minimal valid file', () => {
    const header = readGgufHeader(file(encodeGguf(small)));
    expect(header.version).toBe(3);
    expect(header.tensors).toEqual([{ name: 'token_embd.weight', dims: [8, 3], type: 0, offset: 0 }]);
    expect(ggufFacts(header)).toMatchObject({ architecture: 'llama', parameterCount: 24, vocabSize: 3, fileType: 'F32' });
  });

  it('rejects a file that is not GGUF', () => {
    expect(problemOf(Buffer.from('PK\x03\x04 this is a zip, not a model'))).toBe('BAD_MAGIC');
    expect(problemOf(Buffer.alloc(0))).toBe('BAD_MAGIC');
  });

  it('rejects an unknown GGUF version', () => {
    const bytes = encodeGguf(small);
    bytes.writeUInt32LE(99, 4);
    expect(problemOf(bytes)).toBe('UNSUPPORTED_VERSION');
  });

  it('rejects counts the file cannot hold before looping over them', () => {
    const bytes = encodeGguf(small);
    bytes.writeBigUInt64LE(2n ** 40n, 16); // metadata count
    expect(problemOf(bytes)).toBe('COUNT_EXCEEDS_FILE');
    const tensors = encodeGguf(small);
    tensors.writeBigUInt64LE(2n ** 52n, 8); // tensor count
    expect(problemOf(tensors)).toBe('COUNT_EXCEEDS_FILE');
  });

  it('rejects a string length past the end of the file', () => {
    const bytes = encodeGguf(small);
    bytes.writeBigUInt64LE(BigInt(bytes.length * 4), FIRST_KV);
    expect(problemOf(bytes)).toBe('COUNT_EXCEEDS_FILE');
    bytes.writeBigUInt64LE(2n ** 62n, FIRST_KV);
    expect(problemOf(bytes)).toBe('COUNT_EXCEEDS_FILE');
  });

  it('rejects an array whose length exceeds the file', () => {
    const bytes = encodeGguf(small);
    // tokenizer.ggml.tokens is the 4th entry: find its array length after the key and types.
    const key = Buffer.from('tokenizer.ggml.tokens');
    const at = bytes.indexOf(key) + key.length + 4 + 4; // value type, item type
    expect(bytes.readBigUInt64LE(at)).toBe(3n);
    bytes.writeBigUInt64LE(10_000_000_000n, at);
    expect(problemOf(bytes)).toBe('COUNT_EXCEEDS_FILE');
  });

  it('rejects an unknown value type', () => {
    const bytes = encodeGguf(small);
    const keyLength = Number(bytes.readBigUInt64LE(FIRST_KV));
    bytes.writeUInt32LE(77, FIRST_KV + 8 + keyLength);
    expect(problemOf(bytes)).toBe('BAD_VALUE_TYPE');
  });

  it('rejects tensor data past the end of the file (a truncated download)', () => {
    const bytes = encodeGguf(small);
    expect(problemOf(bytes.subarray(0, bytes.length - 4))).toBe('TENSOR_OUT_OF_BOUNDS');
  });

  it('rejects a header cut off in the middle', () => {
    const bytes = encodeGguf(small);
    const name = Buffer.from('token_embd.weight');
    const insideDims = bytes.indexOf(name) + name.length + 4 + 4;
    expect(problemOf(bytes.subarray(0, insideDims))).toBe('TRUNCATED');
  });

  it('rejects unknown tensor types and impossible shapes', () => {
    const bytes = encodeGguf(small);
    const name = Buffer.from('token_embd.weight');
    const dimsAt = bytes.indexOf(name) + name.length + 4;
    const typeAt = dimsAt + 16;
    const unknownType = Buffer.from(bytes);
    unknownType.writeUInt32LE(250, typeAt);
    expect(problemOf(unknownType)).toBe('UNKNOWN_TENSOR_TYPE');
    const badShape = Buffer.from(bytes);
    badShape.writeUInt32LE(9, dimsAt - 4); // n_dims
    expect(problemOf(badShape)).toBe('BAD_TENSOR_SHAPE');
  });

  it('rejects a header without an architecture', () => {
    const bytes = encodeGguf({ ...small, metadata: small.metadata.slice(1) });
    expect(problemOf(bytes)).toBe('MISSING_ARCHITECTURE');
  });
});
