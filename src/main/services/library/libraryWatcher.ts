import { watch, type FSWatcher } from 'node:fs';
import { isPartialDownloadPath } from './partialDownloads';

export interface LibraryWatcherOptions {
  /** Quiet time after the last event before `onChange` runs. */
  debounceMs?: number;
  /** A folder that never goes quiet (a long copy) is still rescanned this often. */
  maxWaitMs?: number;
  /**
   * `recursive`: one native watcher per model folder (macOS, Windows). `directories`: one per
   * folder the scan read (Linux, where Node's recursive watcher is emulated by watching every
   * file and stat-ing it synchronously on each event, and does not follow symlinked folders).
   */
  mode?: 'recursive' | 'directories';
}

/** Enough for large libraries, well below the usual inotify limit. */
const MAX_WATCHED = 4096;

/**
 * Notices files added, removed, renamed or rewritten under the model folders and calls `onChange`
 * once things settle. Partial downloads are ignored until they are renamed into place.
 */
export class LibraryWatcher {
  private readonly watchers = new Map<string, FSWatcher>();
  private timer: NodeJS.Timeout | null = null;
  private firstEventAt = 0;
  private disposed = false;
  private readonly debounceMs: number;
  private readonly maxWaitMs: number;
  private readonly mode: 'recursive' | 'directories';

  constructor(
    private readonly onChange: () => void,
    options: LibraryWatcherOptions = {},
  ) {
    this.debounceMs = options.debounceMs ?? 400;
    this.maxWaitMs = options.maxWaitMs ?? 3000;
    this.mode = options.mode ?? (process.platform === 'darwin' || process.platform === 'win32' ? 'recursive' : 'directories');
  }

  /**
   * Watches what a scan found: the model folders themselves and the folders it read. Watchers no
   * longer needed are closed. Returns how many folders are newly watched.
   */
  update(roots: string[], directories: string[]): number {
    if (this.disposed) return 0;
    const wanted = new Set(this.mode === 'recursive' ? roots : [...roots, ...directories]);
    for (const [dir, watcher] of this.watchers) {
      if (!wanted.has(dir)) {
        watcher.close();
        this.watchers.delete(dir);
      }
    }
    let added = 0;
    for (const dir of wanted) {
      if (this.watchers.size >= MAX_WATCHED) break;
      if (this.watchers.has(dir)) continue;
      try {
        const watcher = watch(dir, { persistent: false, recursive: this.mode === 'recursive' }, (_event, name) => {
          if (typeof name === 'string' && isPartialDownloadPath(name)) return;
          this.schedule();
        });
        // A watched folder that is deleted or unmounted: stop watching it and look again.
        watcher.on('error', () => {
          watcher.close();
          if (this.watchers.get(dir) === watcher) this.watchers.delete(dir);
          this.schedule();
        });
        this.watchers.set(dir, watcher);
        added++;
      } catch {
        // Gone already, or not readable: the next scan reports it.
      }
    }
    return added;
  }

  get watchedCount(): number {
    return this.watchers.size;
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    for (const watcher of this.watchers.values()) watcher.close();
    this.watchers.clear();
  }

  private schedule(): void {
    if (this.disposed) return;
    const now = Date.now();
    if (this.timer) clearTimeout(this.timer);
    else this.firstEventAt = now;
    const delay = Math.max(0, Math.min(this.debounceMs, this.firstEventAt + this.maxWaitMs - now));
    this.timer = setTimeout(() => {
      this.timer = null;
      this.onChange();
    }, delay);
    this.timer.unref();
  }
}
