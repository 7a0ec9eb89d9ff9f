import { realpathSync } from 'node:fs';
import { relative, isAbsolute } from 'node:path';
import type { SuggestedFolder } from '../../../shared/contract';
import { z } from 'zod';
import type { SettingsStore } from '../settings/settingsStore';
import { detectOtherAppFolders, type HostEnvironment } from './otherAppFolders';

/** A row beside the settings (not one of them): the folders the user said "not now" to. */
const DISMISSED_KEY = 'dismissed:folderSuggestions';

export interface FolderSuggestionsDeps {
  /** The table the settings live in; the declined folders are kept beside them. */
  store: SettingsStore;
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
    this.deps.store.put({ [DISMISSED_KEY]: [...new Set([...this.dismissed(), path])] });
  }

  private dismissed(): string[] {
    return this.deps.store.value(DISMISSED_KEY, z.array(z.string())) ?? [];
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
