import { z } from 'zod';
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { defaultSettings, SettingsSchema, type Settings, type SettingsPatch } from '../../../shared/contract';
import { appError } from '../../base/appError';
import { Emitter } from '../../base/emitter';
import type { SettingsStore } from './settingsStore';

/** Secrets share the table with the settings under this prefix, which no setting's name has. */
const SECRET_PREFIX = 'secret:';

/** Settings persisted one key per row, validated on the way in and on the way out. */
export class SettingsService {
  private readonly didChange = new Emitter<Settings>();
  readonly onDidChange = this.didChange.event;
  private cached: Settings | null = null;

  constructor(private readonly store: SettingsStore) {}

  get(): Settings {
    if (this.cached) return this.cached;
    const stored = this.store.entries();
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
    this.store.put(patch);
    this.cached = next;
    this.didChange.fire(next);
    return next;
  }

  /**
   * Values kept beside the settings but never part of them (an access token): `get()` and
   * `onDidChange` do not carry them, so no settings view or log can show them.
   */
  secret(key: string): string | null {
    return this.store.value(`${SECRET_PREFIX}${key}`, z.string());
  }

  setSecret(key: string, value: string | null): void {
    if (value === null) this.store.remove(`${SECRET_PREFIX}${key}`);
    else this.store.put({ [`${SECRET_PREFIX}${key}`]: value });
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
