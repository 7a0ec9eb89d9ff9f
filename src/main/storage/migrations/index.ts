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
  {
    version: 3,
    name: 'conversations and messages',
    up(db) {
      db.exec(`CREATE TABLE conversations (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        pinned INTEGER NOT NULL DEFAULT 0,
        model_path TEXT,
        system_prompt TEXT NOT NULL DEFAULT '',
        sampling TEXT NOT NULL,
        leaf_id TEXT
      ) STRICT;
      -- Messages form a tree per conversation: an edit or a regenerated answer is a sibling, so
      -- every earlier branch stays reachable.
      CREATE TABLE messages (
        id TEXT PRIMARY KEY,
        conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
        parent_id TEXT REFERENCES messages(id) ON DELETE CASCADE,
        role TEXT NOT NULL CHECK (role IN ('user', 'assistant')),
        content TEXT NOT NULL,
        reasoning TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL CHECK (status IN ('complete', 'streaming', 'interrupted', 'stopped', 'error')),
        error TEXT,
        stats TEXT,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX messages_by_conversation ON messages (conversation_id, created_at);
      CREATE INDEX messages_by_parent ON messages (parent_id);
      -- trigram finds any substring of three or more characters, in any script; shorter queries
      -- (two-character Chinese words) fall back to LIKE.
      CREATE VIRTUAL TABLE messages_fts USING fts5(content, content='messages', content_rowid='rowid', tokenize='trigram');
      CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
        INSERT INTO messages_fts (rowid, content) VALUES (new.rowid, new.content);
      END;
      CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
        INSERT INTO messages_fts (messages_fts, rowid, content) VALUES ('delete', old.rowid, old.content);
      END;
      CREATE TRIGGER messages_fts_update AFTER UPDATE OF content ON messages BEGIN
        INSERT INTO messages_fts (messages_fts, rowid, content) VALUES ('delete', old.rowid, old.content);
        INSERT INTO messages_fts (rowid, content) VALUES (new.rowid, new.content);
      END;`);
    },
  },
];

export const latestVersion = migrations.at(-1)?.version ?? 0;
