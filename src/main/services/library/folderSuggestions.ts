import { realpathSync } from 'node:fs';
import { relative, isAbsolute } from 'node:path';
import type { SuggestedFolder } from '../../../shared/contract';
import type { Db } from '../../storage/database';
import { storageError } from '../../storage/storageError';
import { detectOtherAppFolders, type HostEnvironment } from './otherAppFolders';

/** A row beside the settings (not one of them): the folders the user said "not now" to. */
const DISMISSED_KEY = 'dismissed:folderSuggestions';

export interface FolderSuggestionsDeps {
  db: Db;
  host: HostEnvironment;
  /** The folders scanned now (the default one and the settings'). */
  folders: () => string[];
}

/**
 * Other apps' model folders found on this machine and offered to the user, never added on their
 * own: one already scanned (or inside one that is) or declined is not offered again.
 */
export class FolderSuggestions {
  constructor(private readonly deps: FolderSuggestionsDeps) {}

  list(): SuggestedFolder[] {
    const dismissed = new Set(this.dismissed());
    const scanned = this.deps.folders().map(real);
    return detectOtherAppFolders(this.deps.host).filter(({ path }) => {
      if (dismissed.has(path)) return false;
      const candidate = real(path);
      return !scanned.some((folder) => isInside(candidate, folder));
    });
  }

  dismiss(path: string): void {
    const next = [...new Set([...this.dismissed(), path])];
    try {
      this.deps.db
        .prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
        .run(DISMISSED_KEY, JSON.stringify(next));
    } catch (error) {
      throw storageError(error);
    }
  }

  private dismissed(): string[] {
    const row = this.deps.db.prepare('SELECT value FROM settings WHERE key = ?').get(DISMISSED_KEY) as { value: string } | undefined;
    try {
      const value: unknown = row ? JSON.parse(row.value) : [];
      return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
    } catch {
      return [];
    }
  }
}

function real(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

function isInside(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}
