import type { TFunction } from 'i18next';
import type { Download, DownloadState } from '../../../shared/contract';

/** One colour per state, shared by the badge and the bar so they never disagree. */
export const stateColor: Record<DownloadState, string> = {
  queued: 'gray',
  downloading: 'blue',
  paused: 'yellow',
  verifying: 'cyan',
  retrying: 'orange',
  done: 'green',
  failed: 'red',
  cancelled: 'gray',
};

/** The file name the user chose, without the repository's folders. */
export function fileNameOf(download: Download): string {
  return download.primaryPath.split('/').pop() || download.primaryPath;
}

/** The part being fetched (1-based) while a split file downloads, else null. */
export function currentPartOf(download: Download): number | null {
  if (download.files.length < 2) return null;
  const index = download.files.findIndex((f) => !f.done);
  return index === -1 ? null : index + 1;
}

/**
 * Why a download stopped (or is being retried), as sentences: the reason, and where a file that
 * failed verification was moved when the reason itself does not already say so.
 */
export function downloadErrorText(t: TFunction, download: Download): string[] {
  if (!download.error) return [];
  const { code } = download.error;
  const quarantined = download.quarantinedPath;
  const sentences = [t(`downloads.error.${code}`, { path: quarantined ?? '' })];
  if (quarantined && code !== 'HASH_MISMATCH') sentences.push(t('downloads.quarantined', { path: quarantined }));
  return sentences;
}
