import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  defaultSettings,
  SettingsSchema,
  type Settings,
  type SettingsPatch,
} from '../../../shared/contract';
import { appError } from '../../base/appError';
import { Emitter } from '../../base/emitter';
import type { Db } from '../../storage/database';
import { storageError } from '../../storage/storageError';

/** Settings persisted one key per row, validated on the way in and on the way out. */
export class SettingsService {
  private readonly didChange = new Emitter<Settings>();
  readonly onDidChange = this.didChange.event;
  private cached: Settings | null = null;

  constructor(private readonly db: Db) {}

  get(): Settings {
    if (this.cached) return this.cached;
    const rows = this.db.prepare('SELECT key, value FROM settings').all() as Array<{ key: string; value: string }>;
    const stored: Record<string, unknown> = {};
    for (const row of rows) {
      try {
        stored[row.key] = JSON.parse(row.value);
      } catch {
        // A value that no longer parses falls back to its default below.
      }
    }
    // Field by field, so one bad stored value does not reset the others.
    const merged = { ...defaultSettings } as Record<string, unknown>;
    for (const key of Object.keys(defaultSettings) as Array<keyof Settings>) {
      const field = SettingsSchema.shape[key].safeParse(stored[key]);
      if (field.success) merged[key] = field.data;
    }
    this.cached = SettingsSchema.parse(merged);
    return this.cached;
  }

  update(patch: SettingsPatch): Settings {
    if (patch.modelFolders) {
      const folders = [...new Set(patch.modelFolders.map((p) => resolve(p)))];
      // Only newly added folders must exist now; a known one may be on an unplugged drive.
      const known = new Set(this.get().modelFolders);
      for (const folder of folders) if (!known.has(folder)) checkFolder(folder);
      patch = { ...patch, modelFolders: folders };
    }
    // Folders are checked again once resolved: `/etc/..` passes the input schema but is `/`.
    const parsed = SettingsSchema.safeParse({ ...this.get(), ...patch });
    if (!parsed.success) {
      throw appError('INVALID_INPUT', {
        issues: parsed.error.issues.slice(0, 20).map((i) => ({ path: i.path.join('.'), message: i.message })),
      });
    }
    const next = parsed.data;
    const upsert = this.db.prepare(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
    );
    try {
      this.db.transaction(() => {
        for (const [key, value] of Object.entries(patch)) upsert.run(key, JSON.stringify(value));
      })();
    } catch (error) {
      throw storageError(error);
    }
    this.cached = next;
    this.didChange.fire(next);
    return next;
  }

  /**
   * Values kept beside the settings but never part of them (an access token): `get()` and
   * `onDidChange` do not carry them, so no settings view or log can show them.
   */
  secret(key: string): string | null {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(`secret:${key}`) as { value: string } | undefined;
    return row ? (JSON.parse(row.value) as string) : null;
  }

  setSecret(key: string, value: string | null): void {
    try {
      if (value === null) this.db.prepare('DELETE FROM settings WHERE key = ?').run(`secret:${key}`);
      else
        this.db
          .prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
          .run(`secret:${key}`, JSON.stringify(value));
    } catch (error) {
      throw storageError(error);
    }
  }
}

function checkFolder(folder: string): void {
  let isDir: boolean;
  try {
    isDir = statSync(folder).isDirectory();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM') throw appError('FOLDER_UNREADABLE', { path: folder });
    throw appError('FOLDER_NOT_FOUND', { path: folder });
  }
  if (!isDir) throw appError('NOT_A_FOLDER', { path: folder });
}
