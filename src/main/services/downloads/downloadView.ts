import type { Download } from '../../../shared/contract';
import type { DownloadRecord } from './downloadStore';
import type { ProgressMeter } from './progressMeter';

/** What the service knows of a download beyond its row: bytes on disk, speed, the running attempt. */
export interface Live {
  received: number[];
  meter: ProgressMeter;
  abort: AbortController | null;
  attempts: number;
  retryAt: number | null;
}

/** A stored download and its live state as the contract shows it. */
export function toDownload(r: DownloadRecord, live: Live | undefined): Download {
  const received = r.files.map((f, i) => (f.done ? f.sizeBytes : Math.min(live?.received[i] ?? 0, f.sizeBytes)));
  const totalBytes = r.files.reduce((sum, f) => sum + f.sizeBytes, 0);
  const receivedBytes = received.reduce((a, b) => a + b, 0);
  const speed = r.state === 'downloading' ? (live?.meter.bytesPerSecond() ?? 0) : 0;
  return {
    id: r.id,
    repoId: r.repoId,
    revision: r.revision,
    primaryPath: r.primaryPath,
    files: r.files.map((f, i) => ({ path: f.path, sizeBytes: f.sizeBytes, sha256: f.sha256, receivedBytes: received[i]!, done: f.done })),
    state: r.state,
    totalBytes,
    receivedBytes,
    bytesPerSecond: speed,
    etaSeconds: speed > 0 ? (totalBytes - receivedBytes) / speed : null,
    attempts: live?.attempts ?? 0,
    retryAt: live?.retryAt ?? null,
    error: r.error,
    destination: r.destination,
    quarantinedPath: r.quarantinedPath,
    createdAt: r.createdAt,
    finishedAt: r.finishedAt,
  };
}
