import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { GgufProblemCode } from '../../shared/contract';
import { ggmlTypes } from './ggmlTypes';

/**
 * A GGUF header reader that trusts nothing in the file: every count and length is checked against
 * the bytes that remain before anything is allocated or looped over, so a hostile header fails in
 * bounded time and memory instead of hanging (node-llama-cpp's reader can).
 */

export class GgufFormatError extends Error {
  constructor(
    readonly code: GgufProblemCode,
    detail: string,
  ) {
    super(detail);
  }
}

export type GgufScalar = number | bigint | boolean | string;
/** Arrays longer than this keep only their length (a 150k-token vocabulary is not needed here). */
const MAX_KEPT_ARRAY = 64;
/** Longer strings than this are not plausible header values (chat templates are a few KB). */
const MAX_STRING_BYTES = 16 * 1024 * 1024;

export type GgufValue =
  | GgufScalar
  | {
      arrayLength: number;
      items: GgufScalar[] | null;
      /** Items of a long string array asked for by index (see `ArrayPicks`). */
      picked?: Map<number, string>;
    };

/** For long string arrays (the vocabulary): the indices to keep by key, e.g. the BOS/EOS token ids. */
export type ArrayPicks = ReadonlyMap<string, ReadonlySet<number>>;

export interface GgufTensorInfo {
  name: string;
  dims: number[];
  type: number;
  offset: number;
}

export interface GgufHeader {
  version: number;
  metadata: Map<string, GgufValue>;
  tensors: GgufTensorInfo[];
  dataOffset: number;
  fileSize: number;
  alignment: number;
  /** Bytes of header, metadata and tensor infos before the alignment padding (predicts a rewrite's size). */
  metaBytes: number;
}

const enum T {
  U8 = 0,
  I8 = 1,
  U16 = 2,
  I16 = 3,
  U32 = 4,
  I32 = 5,
  F32 = 6,
  BOOL = 7,
  STRING = 8,
  ARRAY = 9,
  U64 = 10,
  I64 = 11,
  F64 = 12,
}
const scalarSize: Record<number, number> = { 0: 1, 1: 1, 2: 2, 3: 2, 4: 4, 5: 4, 6: 4, 7: 1, 10: 8, 11: 8, 12: 8 };

class BoundedReader {
  private buf = Buffer.alloc(1 << 16);
  private bufStart = 0;
  private bufEnd = 0;
  pos = 0;

  constructor(
    private readonly fd: number,
    readonly size: number,
  ) {}

  get remaining(): number {
    return this.size - this.pos;
  }

  private ensure(n: number): void {
    if (n > this.remaining) {
      throw new GgufFormatError('TRUNCATED', `needs ${n} bytes at offset ${this.pos}, file has ${this.remaining} left`);
    }
    if (this.pos >= this.bufStart && this.pos + n <= this.bufEnd) return;
    if (n > this.buf.length) this.buf = Buffer.alloc(n);
    const read = readSync(this.fd, this.buf, 0, this.buf.length, this.pos);
    this.bufStart = this.pos;
    this.bufEnd = this.pos + read;
    if (read < n) throw new GgufFormatError('TRUNCATED', `short read at offset ${this.pos}`);
  }

  bytes(n: number): Buffer {
    this.ensure(n);
    const at = this.pos - this.bufStart;
    this.pos += n;
    return this.buf.subarray(at, at + n);
  }

  u32(): number {
    return this.bytes(4).readUInt32LE(0);
  }

  /** u64 as a JS number; values past 2^53 are not plausible for sizes or counts in a real file. */
  u64(what: string): number {
    const v = this.bytes(8).readBigUInt64LE(0);
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new GgufFormatError('COUNT_EXCEEDS_FILE', `${what} is ${v}`);
    return Number(v);
  }

  string(what: string): string {
    const len = this.u64(`${what} length`);
    if (len > MAX_STRING_BYTES) throw new GgufFormatError('STRING_TOO_LONG', `${what} claims ${len} bytes`);
    if (len > this.remaining) {
      throw new GgufFormatError('COUNT_EXCEEDS_FILE', `${what} claims ${len} bytes, ${this.remaining} left`);
    }
    return this.bytes(len).toString('utf8');
  }

  skip(n: number): void {
    if (n > this.remaining) throw new GgufFormatError('TRUNCATED', `needs ${n} bytes at offset ${this.pos}`);
    this.pos += n;
  }
}

function readScalar(r: BoundedReader, type: number, what: string): GgufScalar {
  switch (type) {
    case T.U8:
      return r.bytes(1).readUInt8(0);
    case T.I8:
      return r.bytes(1).readInt8(0);
    case T.U16:
      return r.bytes(2).readUInt16LE(0);
    case T.I16:
      return r.bytes(2).readInt16LE(0);
    case T.U32:
      return r.bytes(4).readUInt32LE(0);
    case T.I32:
      return r.bytes(4).readInt32LE(0);
    case T.F32:
      return r.bytes(4).readFloatLE(0);
    case T.BOOL:
      return r.bytes(1).readUInt8(0) !== 0;
    case T.STRING:
      return r.string(what);
    case T.U64: {
      const v = r.bytes(8).readBigUInt64LE(0);
      return v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
    }
    case T.I64: {
      const v = r.bytes(8).readBigInt64LE(0);
      return v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(v) : v;
    }
    case T.F64:
      return r.bytes(8).readDoubleLE(0);
    default:
      throw new GgufFormatError('BAD_VALUE_TYPE', `${what} has value type ${type}`);
  }
}

function readValue(r: BoundedReader, type: number, key: string, pick?: ReadonlySet<number>): GgufValue {
  if (type !== T.ARRAY) return readScalar(r, type, key);
  const itemType = r.u32();
  const count = r.u64(`${key} array length`);
  if (itemType === T.ARRAY) throw new GgufFormatError('BAD_VALUE_TYPE', `${key} is an array of arrays`);
  // Every string needs at least its 8-byte length; every scalar its own size.
  const minItem = itemType === T.STRING ? 8 : scalarSize[itemType];
  if (minItem === undefined) throw new GgufFormatError('BAD_VALUE_TYPE', `${key} has item type ${itemType}`);
  if (count * minItem > r.remaining) {
    throw new GgufFormatError('COUNT_EXCEEDS_FILE', `${key} claims ${count} items, ${r.remaining} bytes left`);
  }
  const keep = count <= MAX_KEPT_ARRAY;
  const items: GgufScalar[] = [];
  if (!keep && itemType !== T.STRING) {
    r.skip(count * minItem);
    return { arrayLength: count, items: null };
  }
  const picked = new Map<number, string>();
  for (let i = 0; i < count; i++) {
    if (keep) items.push(readScalar(r, itemType, key));
    else if (pick?.has(i)) picked.set(i, r.string(`${key}[${i}]`));
    else r.skip(r.u64(`${key}[${i}] length`));
  }
  if (picked.size > 0) return { arrayLength: count, items: null, picked };
  return { arrayLength: count, items: keep ? items : null };
}

const MIN_KV_BYTES = 8 + 4 + 1; // key length, value type, smallest value
const MIN_TENSOR_INFO_BYTES = 8 + 4 + 4 + 8; // name length, n_dims, type, offset

/**
 * `declaredSize` is for a header fetched alone (range requests): the file holds only its first
 * bytes, but counts and tensor bounds are checked against the size the server declared. Running
 * past the fetched bytes is then TRUNCATED, the signal to fetch more. `picks` keeps chosen items
 * of long string arrays (the texts of a few token ids), which are otherwise dropped.
 */
export function readGgufHeader(path: string, declaredSize?: number, picks?: ArrayPicks): GgufHeader {
  const fd = openSync(path, 'r');
  try {
    const size = declaredSize ?? fstatSync(fd).size;
    const r = new BoundedReader(fd, size);
    if (size < 4 || r.bytes(4).toString('latin1') !== 'GGUF') {
      throw new GgufFormatError('BAD_MAGIC', 'the file does not start with "GGUF"');
    }
    const version = r.u32();
    if (version !== 2 && version !== 3) {
      throw new GgufFormatError('UNSUPPORTED_VERSION', `GGUF version ${version}`);
    }
    const tensorCount = r.u64('tensor count');
    const kvCount = r.u64('metadata count');
    if (kvCount * MIN_KV_BYTES + tensorCount * MIN_TENSOR_INFO_BYTES > r.remaining) {
      throw new GgufFormatError(
        'COUNT_EXCEEDS_FILE',
        `${kvCount} metadata entries and ${tensorCount} tensors cannot fit in ${size} bytes`,
      );
    }

    const metadata = new Map<string, GgufValue>();
    for (let i = 0; i < kvCount; i++) {
      const key = r.string(`metadata key #${i}`);
      metadata.set(key, readValue(r, r.u32(), key, picks?.get(key)));
    }

    const tensors: GgufTensorInfo[] = [];
    for (let i = 0; i < tensorCount; i++) {
      const name = r.string(`tensor name #${i}`);
      const nDims = r.u32();
      if (nDims < 1 || nDims > 4) throw new GgufFormatError('BAD_TENSOR_SHAPE', `${name} has ${nDims} dimensions`);
      const dims: number[] = [];
      for (let d = 0; d < nDims; d++) dims.push(r.u64(`${name} dimension`));
      const type = r.u32();
      const offset = r.u64(`${name} offset`);
      tensors.push({ name, dims, type, offset });
    }

    const alignmentValue = metadata.get('general.alignment');
    const alignment = typeof alignmentValue === 'number' && alignmentValue > 0 ? alignmentValue : 32;
    const dataOffset = Math.ceil(r.pos / alignment) * alignment;
    checkTensorBounds(tensors, dataOffset, size);
    return { version, metadata, tensors, dataOffset, fileSize: size, alignment, metaBytes: r.pos };
  } finally {
    closeSync(fd);
  }
}

function checkTensorBounds(tensors: GgufTensorInfo[], dataOffset: number, fileSize: number): void {
  for (const t of tensors) {
    const traits = ggmlTypes[t.type];
    if (!traits) throw new GgufFormatError('UNKNOWN_TENSOR_TYPE', `${t.name} has ggml type ${t.type}`);
    const elements = t.dims.reduce((a, b) => a * b, 1);
    if (!Number.isSafeInteger(elements) || (t.dims[0] ?? 0) % traits.blockSize !== 0) {
      throw new GgufFormatError('BAD_TENSOR_SHAPE', `${t.name} has shape [${t.dims.join(', ')}] for ${traits.name}`);
    }
    const bytes = (elements / traits.blockSize) * traits.blockBytes;
    if (dataOffset + t.offset + bytes > fileSize) {
      throw new GgufFormatError(
        'TENSOR_OUT_OF_BOUNDS',
        `${t.name} ends at byte ${dataOffset + t.offset + bytes}, the file has ${fileSize}`,
      );
    }
  }
}
