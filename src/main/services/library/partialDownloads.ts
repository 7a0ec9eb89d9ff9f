/**
 * Files that are still being written by a downloader: never listed, and their changes do not
 * trigger a rescan. `.caliper-partial` is the folder Caliper's own downloads write into; Ollama
 * writes `sha256-<hex>-partial[-N]` blobs; browsers write `.part` / `.crdownload`.
 */
export const PARTIAL_FOLDER = '.caliper-partial';

export function isPartialDownloadName(name: string): boolean {
  const lower = name.toLowerCase();
  return (
    lower === PARTIAL_FOLDER ||
    lower.endsWith('.part') ||
    lower.endsWith('.crdownload') ||
    /-partial(-\d+)?$/.test(lower)
  );
}

/** Whether any segment of a relative path (either separator) is a partial download. */
export function isPartialDownloadPath(relativePath: string): boolean {
  return relativePath.split(/[\\/]/).some((segment) => segment !== '' && isPartialDownloadName(segment));
}
