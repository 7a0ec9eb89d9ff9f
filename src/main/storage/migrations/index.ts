import type { Database } from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  up(db: Database): void;
}

/** Append only: a released migration never changes; a new version gets a new entry. */
export const migrations: Migration[] = [
  {
    version: 1,
    name: 'settings',
    up(db) {
      db.exec(`CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT`);
    },
  },
  {
    version: 2,
    name: 'gguf header cache',
    up(db) {
      // Header facts keyed by path and validated by size + mtime, so a rescan reads only what changed.
      db.exec(`CREATE TABLE gguf_headers (
        path TEXT PRIMARY KEY,
        size INTEGER NOT NULL,
        mtime_ms INTEGER NOT NULL,
        facts TEXT,
        problem TEXT,
        read_at INTEGER NOT NULL,
        CHECK ((facts IS NULL) <> (problem IS NULL))
      ) STRICT`);
    },
  },
];

export const latestVersion = migrations.at(-1)?.version ?? 0;
