import type { GgufHeader } from '../../../gguf/readGgufHeader';
import { ggmlTypes } from '../../../gguf/ggmlTypes';

const typeByName = new Map(Object.entries(ggmlTypes).map(([id, t]) => [t.name, Number(id)]));

/**
 * The exact size of llama.cpp's output, from the source header and the dry run's per-tensor
 * target types: the same metadata (llama.cpp copies every key, then sets two u32 keys) and tensor
 * infos, padded, then each tensor's new bytes padded to the alignment, as llama-quant.cpp writes.
 */
export function predictOutputBytes(header: GgufHeader, targets: ReadonlyMap<string, string>): number {
  const alignment = header.alignment;
  const pad = (n: number) => Math.ceil(n / alignment) * alignment;
  let meta = header.metaBytes;
  for (const key of ['general.quantization_version', 'general.file_type']) {
    // key (u64 length + bytes) + value type (u32) + u32 value
    if (!header.metadata.has(key)) meta += 8 + Buffer.byteLength(key) + 4 + 4;
  }
  let data = 0;
  for (const t of header.tensors) {
    const targetName = targets.get(t.name);
    const type = targetName === undefined ? t.type : typeByName.get(targetName);
    const traits = type === undefined ? undefined : ggmlTypes[type];
    if (!traits) throw new Error(`unknown target type ${targetName} for ${t.name}`);
    const elements = t.dims.reduce((a, b) => a * b, 1);
    data += pad((elements / traits.blockSize) * traits.blockBytes);
  }
  return pad(meta) + data;
}
