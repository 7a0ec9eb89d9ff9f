import { LoadSettingsPatchSchema, type LoadSettingsPatch } from '../../../shared/contract';
import { readJson, Repository } from '../../storage/repository';

/**
 * Table `load_settings` (migration 12): how the user wants each file loaded, as the fields they
 * chose (a field not named takes the engine's default). Chat's load form, the API's just-in-time
 * loads and new Compare panes start from it; the benchmark lab's "use as load defaults" writes it.
 */
export class LoadSettingsStore extends Repository {
  get(path: string): LoadSettingsPatch {
    const text = this.pluck<[string], string>('SELECT settings FROM load_settings WHERE path = ?').get(path);
    return readJson(LoadSettingsPatchSchema, text) ?? {};
  }

  /** Replaces what is kept for `path`; an empty choice forgets it. */
  set(path: string, settings: LoadSettingsPatch, now = Date.now()): LoadSettingsPatch {
    const clean = LoadSettingsPatchSchema.parse(settings);
    this.write(() => {
      if (Object.keys(clean).length === 0) this.sql('DELETE FROM load_settings WHERE path = ?').run(path);
      else
        this.sql(
          `INSERT INTO load_settings (path, settings, updated_at) VALUES (?, ?, ?)
           ON CONFLICT(path) DO UPDATE SET settings = excluded.settings, updated_at = excluded.updated_at`,
        ).run(path, JSON.stringify(clean), now);
    });
    return clean;
  }

  /** Changes only the named fields (undefined removes one). */
  merge(path: string, patch: Record<string, unknown>): LoadSettingsPatch {
    const next: Record<string, unknown> = { ...this.get(path), ...patch };
    for (const key of Object.keys(next)) if (next[key] === undefined) delete next[key];
    return this.set(path, next as LoadSettingsPatch);
  }
}
