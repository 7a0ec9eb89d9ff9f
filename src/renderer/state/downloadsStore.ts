import { create } from 'zustand';
import type { Download } from '../../shared/contract';
import type { CaliperClient } from '../platform/rpcClient';

interface DownloadsState {
  /** Live from `downloads.onDidChange`; null until the first event. */
  downloads: Download[] | null;
}

export const useDownloadsStore = create<DownloadsState>()(() => ({ downloads: null }));

/** Follows the download queue until the signal ends (re-subscribed by the session after a drop). */
export async function watchDownloads(client: CaliperClient, signal: AbortSignal): Promise<void> {
  const events = await client.downloads.onDidChange(undefined, { signal });
  for await (const downloads of events) {
    useDownloadsStore.setState({ downloads });
  }
}

/** Queues a Hub file (all parts of a split file); throws the typed error for the caller to show. */
export function startDownload(client: CaliperClient, repoId: string, path: string): Promise<Download> {
  return client.downloads.start({ repoId, path });
}

export type DownloadAction = 'pause' | 'resume' | 'cancel' | 'remove';

/**
 * Pause, resume (a failed one too), cancel (deletes the partial data) or remove from the list.
 * The new state arrives through `onDidChange`; throws the typed error for the caller to show.
 */
export async function actOnDownload(client: CaliperClient, action: DownloadAction, id: string): Promise<void> {
  await client.downloads[action]({ id });
}

/** The newest download of a Hub file, if any. */
export function downloadFor(downloads: Download[] | null, repoId: string, path: string): Download | null {
  if (!downloads) return null;
  for (let i = downloads.length - 1; i >= 0; i--) {
    const d = downloads[i]!;
    if (d.repoId === repoId && d.primaryPath === path) return d;
  }
  return null;
}

export const isActiveDownload = (d: Download) =>
  d.state === 'queued' || d.state === 'downloading' || d.state === 'verifying' || d.state === 'retrying';
