import { z } from 'zod';
import { readJson, Repository } from '../../storage/repository';

/**
 * The `settings` table: one JSON value per key. It holds the settings themselves and, under their
 * own prefixes, values kept beside them (secrets, dismissed suggestions).
 */
export class SettingsStore extends Repository {
  /** Every stored value; one that no longer parses as JSON is left out (its default applies). */
  entries(): Record<string, unknown> {
    const rows = this.sql<[], { key: string; value: string }>('SELECT key, value FROM settings').all();
    const stored: Record<string, unknown> = {};
    for (const row of rows) {
      const value = readJson(z.unknown(), row.value);
      if (value !== null) stored[row.key] = value;
    }
    return stored;
  }

  value<T>(key: string, schema: z.ZodType<T>): T | null {
    return readJson(schema, this.pluck<[string], string>('SELECT value FROM settings WHERE key = ?').get(key));
  }

  /** Writes every entry in one transaction. */
  put(entries: Record<string, unknown>): void {
    this.write(() => {
      const upsert = this.sql('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
      for (const [key, value] of Object.entries(entries)) upsert.run(key, JSON.stringify(value));
    });
  }

  remove(key: string): void {
    this.write(() => this.sql('DELETE FROM settings WHERE key = ?').run(key));
  }
}
