import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { GgufFacts } from '../../../shared/contract';
import { appError } from '../../base/appError';
import type { HeaderResult } from '../library/headerReaderPool';
import type { HubClient } from './hubClient';
import { safeSegments } from './safePath';

const FIRST_FETCH = 1 << 20;
/** Llama 3's 128k-token vocabulary and merges take about 8 MB; nothing plausible needs more than this. */
const MAX_HEADER_BYTES = 64 << 20;

export interface RemoteFileRef {
  repoId: string;
  revision: string;
  path: string;
}

export interface RemoteHeader {
  /** A local file holding the header bytes only, named like the remote file (split naming kept). */
  localPath: string;
  /** Null for a later part of a split file, which carries tensors but no model metadata. */
  facts: GgufFacts | null;
  totalSize: number;
  bytesRead: number;
}

/**
 * Reads a remote GGUF header with range requests: the first MiB, then four times more while the
 * guarded reader says TRUNCATED, up to 64 MiB. A server that ignores Range gets its body cut off
 * after the bytes asked for, so a 40 GB file is never downloaded to read its header.
 */
export async function fetchRemoteHeader(
  client: HubClient,
  ref: RemoteFileRef,
  dir: string,
  readHeader: (path: string, declaredSize: number) => Promise<HeaderResult>,
  options: { laterSplitPart?: boolean; signal?: AbortSignal } = {},
): Promise<RemoteHeader> {
  const name = safeSegments(ref.path).pop()!;
  await mkdir(dir, { recursive: true });
  const localPath = join(dir, name);
  let bytesRead = 0;
  for (let want = FIRST_FETCH; ; want *= 4) {
    const { bytes, totalSize } = await fetchPrefix(client, ref, want, options.signal);
    bytesRead += bytes.length;
    await writeFile(localPath, bytes);
    const result = await readHeader(localPath, totalSize);
    if (result.facts) return { localPath, facts: result.facts, totalSize, bytesRead };
    if (options.laterSplitPart && result.problem.code === 'MISSING_ARCHITECTURE') return { localPath, facts: null, totalSize, bytesRead };
    const more = result.problem.code === 'TRUNCATED' && bytes.length < totalSize && want < MAX_HEADER_BYTES;
    if (!more) {
      throw appError('NOT_A_GGUF', { path: `${ref.repoId}/${ref.path}`, problem: result.problem.code, detail: result.problem.detail });
    }
  }
}

async function fetchPrefix(
  client: HubClient,
  ref: RemoteFileRef,
  want: number,
  signal?: AbortSignal,
): Promise<{ bytes: Buffer; totalSize: number }> {
  const response = await client.request(client.resolveUrl(ref.repoId, ref.revision, ref.path), {
    headers: { range: `bytes=0-${want - 1}` },
    signal,
    repoId: ref.repoId,
    path: ref.path,
  });
  const contentRange = /\/(\d+)$/.exec(response.headers.get('content-range') ?? '');
  const totalSize = Number(contentRange?.[1] ?? response.headers.get('content-length') ?? NaN);
  const chunks: Buffer[] = [];
  let got = 0;
  const reader = response.body?.getReader();
  try {
    while (reader && got < want) {
      const { value, done } = await reader.read();
      if (done) break;
      chunks.push(Buffer.from(value));
      got += value.length;
    }
  } finally {
    await reader?.cancel().catch(() => undefined);
  }
  const bytes = Buffer.concat(chunks).subarray(0, want);
  return { bytes, totalSize: Number.isFinite(totalSize) ? totalSize : bytes.length };
}
