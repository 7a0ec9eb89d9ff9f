import type { GgufFacts } from '../../shared/contract';
import { GgufFormatError, type GgufHeader, type GgufValue } from './readGgufHeader';
import { ggmlTypes, llamaFileTypes } from './ggmlTypes';

/** The facts Caliper shows for a file, derived from its header alone. */
export function ggufFacts(header: GgufHeader): GgufFacts {
  const md = header.metadata;
  const architecture = str(md.get('general.architecture'));
  if (!architecture) throw new GgufFormatError('MISSING_ARCHITECTURE', 'general.architecture is missing');
  const arch = (key: string) => int(md.get(`${architecture}.${key}`));

  let parameterCount = 0;
  for (const t of header.tensors) parameterCount += t.dims.reduce((a, b) => a * b, 1);

  const tokens = md.get('tokenizer.ggml.tokens');
  const headCount = arch('attention.head_count');
  return {
    ggufVersion: header.version,
    architecture,
    name: str(md.get('general.name')),
    parameterCount,
    fileType: fileTypeLabel(header),
    contextLength: arch('context_length'),
    embeddingLength: arch('embedding_length'),
    blockCount: arch('block_count'),
    feedForwardLength: arch('feed_forward_length'),
    headCount,
    // llama.cpp reads a missing head_count_kv as head_count: plain multi-head attention.
    headCountKv: arch('attention.head_count_kv') ?? headCount,
    expertCount: arch('expert_count'),
    expertUsedCount: arch('expert_used_count'),
    slidingWindow: arch('attention.sliding_window'),
    vocabSize: tokens && typeof tokens === 'object' ? tokens.arrayLength : null,
    tensorCount: header.tensors.length,
    hasChatTemplate: typeof md.get('tokenizer.chat_template') === 'string',
    kind: str(md.get('general.type')) === 'adapter' ? 'adapter' : 'model',
  };
}

function fileTypeLabel(header: GgufHeader): string {
  const ftype = int(header.metadata.get('general.file_type'));
  if (ftype !== null && llamaFileTypes[ftype]) return llamaFileTypes[ftype];
  // No (or an unknown) file_type key: name the type that holds most of the weights.
  const bytesByType = new Map<number, number>();
  for (const t of header.tensors) {
    const n = t.dims.reduce((a, b) => a * b, 1);
    bytesByType.set(t.type, (bytesByType.get(t.type) ?? 0) + n);
  }
  let best: number | null = null;
  for (const [type, n] of bytesByType) if (best === null || n > (bytesByType.get(best) ?? 0)) best = type;
  return best === null ? 'unknown' : (ggmlTypes[best]?.name ?? `type ${best}`);
}

function str(v: GgufValue | undefined): string | null {
  return typeof v === 'string' ? v : null;
}

function int(v: GgufValue | undefined): number | null {
  if (typeof v === 'number' && Number.isFinite(v)) return Math.trunc(v);
  // Some converters write per-layer arrays (e.g. head_count_kv per block); report the first.
  if (v && typeof v === 'object' && v.items && typeof v.items[0] === 'number') return Math.trunc(v.items[0]);
  return null;
}
