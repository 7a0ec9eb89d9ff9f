import { open, stat, truncate } from 'node:fs/promises';
import { ORPCError } from '@orpc/server';
import type { DownloadErrorCode } from '../../../shared/contract';
import type { HubClient } from '../hub/hubClient';
import type { StoredFile } from './downloadStore';

export interface PartWriter {
  write(chunk: Uint8Array): Promise<void>;
  close(): Promise<void>;
}
/** How partial files are written; tests swap in one that fails with ENOSPC halfway. */
export type OpenPart = (path: string, mode: 'append' | 'truncate') => Promise<PartWriter>;

export const openPartFile: OpenPart = async (path, mode) => {
  const handle = await open(path, mode === 'append' ? 'a' : 'w');
  return {
    write: async (chunk) => {
      await handle.write(chunk);
    },
    close: () => handle.close(),
  };
};

/** `retry`: try again from the bytes on disk; `fatal`: stop and tell the user. */
export class TransferError extends Error {
  constructor(
    readonly kind: 'retry' | 'fatal',
    readonly code: DownloadErrorCode,
    detail: string,
  ) {
    super(detail);
  }
}

export interface TransferOptions {
  client: HubClient;
  url: string;
  repoId: string;
  file: StoredFile;
  partPath: string;
  openPart: OpenPart;
  signal: AbortSignal;
  /** No byte for this long: the attempt is abandoned and retried. */
  stallMs: number;
  onBytes: (n: number) => void;
  /** The server's validator; `restarted` when the body is the whole file again (partial bytes dropped). */
  onEtag: (etag: string | null, restarted: boolean) => void;
}

async function sizeOf(path: string): Promise<number> {
  return stat(path).then((s) => s.size, () => 0);
}

/**
 * One attempt at one file: resume from the partial file's length with Range and If-Range. A 200
 * (range ignored, or the content changed) starts over; a body that ends early is a retry; the
 * bytes written are exactly the bytes received, so a later attempt resumes where this one stopped.
 */
export async function transferOnce(o: TransferOptions): Promise<void> {
  let offset = await sizeOf(o.partPath);
  if (offset > o.file.sizeBytes) {
    await truncate(o.partPath, 0);
    offset = 0;
  }
  if (offset === o.file.sizeBytes && offset > 0) return;

  const stall = new AbortController();
  const signal = AbortSignal.any([o.signal, stall.signal]);
  let timer: NodeJS.Timeout | undefined;
  const armStall = () => {
    clearTimeout(timer);
    timer = setTimeout(() => stall.abort(), o.stallMs);
  };
  const headers: Record<string, string> = {};
  if (offset > 0) {
    headers.range = `bytes=${offset}-`;
    if (o.file.etag) headers['if-range'] = o.file.etag;
  }

  armStall();
  let writer: PartWriter | null = null;
  try {
    const response = await o.client.request(o.url, { headers, signal, repoId: o.repoId, path: o.file.path }).catch((error: unknown) => {
      throw asTransferError(error, o.signal, stall.signal);
    });
    if (response.status === 416) {
      await response.body?.cancel();
      await truncate(o.partPath, 0);
      throw new TransferError('retry', 'HTTP', 'range not satisfiable; starting over');
    }
    let mode: 'append' | 'truncate' = 'append';
    if (response.status === 206) {
      const start = Number(/^bytes (\d+)-/.exec(response.headers.get('content-range') ?? '')?.[1]);
      if (start !== offset) {
        await response.body?.cancel();
        await truncate(o.partPath, 0);
        throw new TransferError('retry', 'HTTP', `server resumed at ${start}, not ${offset}`);
      }
    } else {
      // Range ignored or If-Range failed (the file changed): the body is the whole file.
      mode = 'truncate';
      offset = 0;
    }
    o.onEtag(response.headers.get('etag') ?? response.headers.get('x-linked-etag'), mode === 'truncate');
    writer = await o.openPart(o.partPath, mode).catch((error: unknown) => {
      throw writeError(error);
    });
    let received = offset;
    const reader = response.body?.getReader();
    if (!reader) throw new TransferError('retry', 'NETWORK', 'empty response');
    for (;;) {
      let chunk: Awaited<ReturnType<typeof reader.read>>;
      try {
        chunk = await reader.read();
      } catch (error) {
        throw asTransferError(error, o.signal, stall.signal);
      }
      if (chunk.done) break;
      armStall();
      received += chunk.value.length;
      if (received > o.file.sizeBytes) {
        throw new TransferError('fatal', 'SIZE_MISMATCH', `the server sent more than the listed ${o.file.sizeBytes} bytes`);
      }
      await writer.write(chunk.value).catch((error: unknown) => {
        throw writeError(error);
      });
      o.onBytes(chunk.value.length);
    }
    if (received < o.file.sizeBytes) {
      throw new TransferError('retry', 'NETWORK', `connection ended after ${received} of ${o.file.sizeBytes} bytes`);
    }
  } finally {
    clearTimeout(timer);
    await writer?.close().catch(() => undefined);
  }
}

function writeError(error: unknown): TransferError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOSPC' || code === 'EDQUOT') return new TransferError('fatal', 'DISK_FULL', 'the disk is full');
  return new TransferError('fatal', 'WRITE_FAILED', String((error as Error).message ?? error).slice(0, 200));
}

function asTransferError(error: unknown, user: AbortSignal, stall: AbortSignal): unknown {
  if (user.aborted) return error;
  if (stall.aborted) return new TransferError('retry', 'NETWORK', 'no data received for a while');
  if (error instanceof TransferError) return error;
  if (error instanceof ORPCError) {
    if (error.code === 'HUB_UNAUTHORIZED') return new TransferError('fatal', 'UNAUTHORIZED', 'access refused');
    if (error.code === 'HUB_NOT_FOUND') return new TransferError('fatal', 'HTTP', 'the file is no longer on the Hub');
    if (error.code === 'HUB_UNREACHABLE') return new TransferError('retry', 'NETWORK', String((error.data as { detail?: string }).detail));
    const status = (error.data as { status?: number } | undefined)?.status ?? 0;
    return new TransferError(status >= 500 || status === 429 ? 'retry' : 'fatal', 'HTTP', `HTTP ${status}`);
  }
  return new TransferError('retry', 'NETWORK', String((error as Error).message ?? error).slice(0, 200));
}
