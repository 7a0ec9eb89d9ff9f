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
  {
    version: 4,
    name: 'file hashes',
    up(db) {
      // SHA-256 of whole files, trusted only while size and mtime match; the index finds copies.
      db.exec(`CREATE TABLE file_hashes (
        path TEXT PRIMARY KEY,
        size INTEGER NOT NULL,
        mtime_ms INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        hashed_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX file_hashes_by_sha256 ON file_hashes (sha256);`);
    },
  },
  {
    version: 5,
    name: 'downloads',
    up(db) {
      // One row per queued model (all parts of a split file together). Bytes received are not
      // stored: the partial files on disk are the truth, read again after a restart.
      db.exec(`CREATE TABLE downloads (
        id TEXT PRIMARY KEY,
        repo_id TEXT NOT NULL,
        revision TEXT NOT NULL,
        primary_path TEXT NOT NULL,
        files TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('queued', 'downloading', 'paused', 'verifying', 'retrying', 'done', 'failed', 'cancelled')),
        error TEXT,
        destination TEXT NOT NULL,
        quarantined_path TEXT,
        created_at INTEGER NOT NULL,
        finished_at INTEGER
      ) STRICT`);
    },
  },
  {
    version: 6,
    name: 'comparisons, arena votes and prompt suites',
    up(db) {
      // A pane is a conversation of its own (model, system prompt, sampling, message tree), so
      // follow-up turns reuse the chat machinery; results keep each answer as it was measured.
      db.exec(`CREATE TABLE comparisons (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        options TEXT NOT NULL,
        revealed INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE comparison_panes (
        comparison_id TEXT NOT NULL REFERENCES comparisons(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
        load TEXT NOT NULL,
        PRIMARY KEY (comparison_id, position)
      ) STRICT;
      CREATE INDEX comparison_panes_by_conversation ON comparison_panes (conversation_id);
      CREATE TABLE comparison_results (
        id TEXT PRIMARY KEY,
        comparison_id TEXT NOT NULL REFERENCES comparisons(id) ON DELETE CASCADE,
        round INTEGER NOT NULL,
        position INTEGER NOT NULL,
        prompt TEXT NOT NULL,
        output TEXT NOT NULL,
        status TEXT NOT NULL,
        error TEXT,
        stats TEXT,
        peak_rss_bytes INTEGER,
        settings_hash TEXT NOT NULL,
        run_mode TEXT NOT NULL,
        warm_up INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        UNIQUE (comparison_id, round, position)
      ) STRICT;
      -- Votes outlive the comparison they came from: the leaderboard keeps counting them.
      CREATE TABLE arena_votes (
        id TEXT PRIMARY KEY,
        comparison_id TEXT REFERENCES comparisons(id) ON DELETE SET NULL,
        round INTEGER NOT NULL,
        model_a TEXT NOT NULL,
        model_b TEXT NOT NULL,
        outcome TEXT NOT NULL CHECK (outcome IN ('a', 'b', 'tie', 'both_bad')),
        tag TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        UNIQUE (comparison_id, round)
      ) STRICT;
      CREATE TABLE suites (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        prompts TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      -- A run copies its prompts and model settings: editing the suite later changes no result.
      CREATE TABLE suite_runs (
        id TEXT PRIMARY KEY,
        suite_id TEXT NOT NULL,
        name TEXT NOT NULL,
        prompts TEXT NOT NULL,
        configs TEXT NOT NULL,
        warm_up INTEGER NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'cancelled', 'done')),
        created_at INTEGER NOT NULL,
        finished_at INTEGER
      ) STRICT;
      -- Every cell exists from the start (pending) and is written once, when its answer is
      -- complete: a restart re-runs only pending cells, so none is missing or duplicated.
      CREATE TABLE suite_cells (
        run_id TEXT NOT NULL REFERENCES suite_runs(id) ON DELETE CASCADE,
        prompt_index INTEGER NOT NULL,
        model_index INTEGER NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'done', 'error')),
        output TEXT NOT NULL DEFAULT '',
        error TEXT,
        stats TEXT,
        peak_rss_bytes INTEGER,
        settings_hash TEXT,
        finished_at INTEGER,
        PRIMARY KEY (run_id, prompt_index, model_index)
      ) STRICT;`);
    },
  },
  {
    version: 7,
    name: 'quantization lineage and quality',
    up(db) {
      // Where a file Caliper produced came from. Keyed by path (a file is produced once at a path);
      // the source's sha256 groups a model's quantizations even if the source moved.
      db.exec(`CREATE TABLE lineage (
        path TEXT PRIMARY KEY,
        sha256 TEXT,
        source_path TEXT NOT NULL,
        source_sha256 TEXT NOT NULL,
        source_file_type TEXT NOT NULL,
        type TEXT NOT NULL,
        options TEXT NOT NULL,
        duration_ms REAL NOT NULL,
        size_bytes INTEGER NOT NULL,
        created_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX lineage_by_source ON lineage (source_sha256);
      -- One row per measurement; results are never overwritten, the newest is shown.
      CREATE TABLE quality_results (
        id TEXT PRIMARY KEY,
        path TEXT NOT NULL,
        reference_path TEXT NOT NULL,
        result TEXT NOT NULL,
        measured_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX quality_by_path ON quality_results (path, measured_at);`);
    },
  },
  {
    version: 8,
    name: 'local API keys and request log',
    up(db) {
      // Keys are shown once and kept only as their SHA-256 (they are random, 32 bytes: a slow hash
      // adds nothing); the prefix lets the user tell them apart.
      db.exec(`CREATE TABLE api_keys (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        hash TEXT NOT NULL UNIQUE,
        prefix TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        last_used_at INTEGER
      ) STRICT;
      -- Bounded: the oldest rows are deleted as new ones arrive.
      CREATE TABLE api_requests (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at INTEGER NOT NULL,
        client TEXT NOT NULL,
        key_name TEXT,
        endpoint TEXT NOT NULL,
        model TEXT,
        stream INTEGER NOT NULL,
        status INTEGER NOT NULL,
        error_code TEXT,
        prompt_tokens INTEGER,
        completion_tokens INTEGER,
        ttft_ms REAL,
        tokens_per_second REAL,
        duration_ms REAL NOT NULL
      ) STRICT;`);
    },
  },
  {
    version: 9,
    name: 'history at scale: conversation kinds, list order, short CJK search',
    up(db) {
      // Which history a conversation belongs to: Compare panes are conversations too, but their
      // comparison shows them, not the chat list. An index in list order (pinned, then last
      // activity, id as the tie-break) serves every page of the list without sorting.
      db.exec(`ALTER TABLE conversations ADD COLUMN kind TEXT NOT NULL DEFAULT 'chat';
      UPDATE conversations SET kind = 'compare' WHERE id IN (SELECT conversation_id FROM comparison_panes);
      CREATE INDEX conversations_by_activity ON conversations (kind, pinned, updated_at, id);
      -- The first messages of a conversation (siblings of its first question), without reading the rest.
      CREATE INDEX messages_roots ON messages (conversation_id, created_at) WHERE parent_id IS NULL;
      -- One- and two-character CJK queries: the trigram index cannot find them. Each CJK character
      -- and pair is a token here (see storage/cjkGrams.ts); contentless, no positions: it only says
      -- which messages hold a gram.
      CREATE VIRTUAL TABLE messages_cjk USING fts5(grams, content='', contentless_delete=1, detail=none, tokenize='unicode61');
      INSERT INTO messages_cjk (rowid, grams)
        SELECT rowid, grams FROM (SELECT rowid, caliper_cjk_grams(content) AS grams FROM messages) WHERE grams IS NOT NULL;
      CREATE TRIGGER messages_cjk_insert AFTER INSERT ON messages BEGIN
        INSERT INTO messages_cjk (rowid, grams)
          SELECT new.rowid, grams FROM (SELECT caliper_cjk_grams(new.content) AS grams) WHERE grams IS NOT NULL;
      END;
      CREATE TRIGGER messages_cjk_delete AFTER DELETE ON messages BEGIN
        DELETE FROM messages_cjk WHERE rowid = old.rowid;
      END;
      CREATE TRIGGER messages_cjk_update AFTER UPDATE OF content ON messages BEGIN
        DELETE FROM messages_cjk WHERE rowid = old.rowid;
        INSERT INTO messages_cjk (rowid, grams)
          SELECT new.rowid, grams FROM (SELECT caliper_cjk_grams(new.content) AS grams) WHERE grams IS NOT NULL;
      END;`);
    },
  },
  {
    version: 10,
    name: 'remote engine connections; model references',
    up(db) {
      // A model is a reference now (a local file or a remote connection's model), not a bare path:
      // every row that named a path is rewritten to the local reference it meant.
      db.exec(`ALTER TABLE conversations ADD COLUMN model_ref TEXT;
      UPDATE conversations SET model_ref = json_object('kind', 'local', 'path', model_path) WHERE model_path IS NOT NULL;
      ALTER TABLE conversations DROP COLUMN model_path;`);
      for (const table of ['messages', 'comparison_results', 'suite_cells']) {
        db.exec(`UPDATE ${table}
          SET stats = json_set(json_remove(stats, '$.modelPath'), '$.model', json_object('kind', 'local', 'path', stats ->> '$.modelPath'))
          WHERE json_valid(stats) AND stats ->> '$.modelPath' IS NOT NULL`);
      }
      const runs = db.prepare('SELECT id, configs FROM suite_runs').all() as Array<{ id: string; configs: string }>;
      const update = db.prepare('UPDATE suite_runs SET configs = ? WHERE id = ?');
      for (const run of runs) {
        const configs = (JSON.parse(run.configs) as Array<Record<string, unknown>>).map(({ modelPath, ...rest }) => ({
          ...rest,
          model: typeof modelPath === 'string' && modelPath ? { kind: 'local', path: modelPath } : null,
        }));
        update.run(JSON.stringify(configs), run.id);
      }
      // Keys are not here: they are secrets beside the settings, bound to the address's origin.
      db.exec(`CREATE TABLE remote_connections (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        kind TEXT NOT NULL,
        base_url TEXT NOT NULL,
        first_byte_timeout_s INTEGER NOT NULL,
        idle_timeout_s INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        last_test TEXT
      ) STRICT`);
    },
  },
  {
    version: 11,
    name: 'benchmark lab: machines, bandwidth, runs, results, adopted load defaults',
    up(db) {
      // A machine is identified by what changes speed (CPU, cores, memory, GPU); its full
      // description is kept as JSON and refreshed when seen again.
      db.exec(`CREATE TABLE machines (
        id TEXT PRIMARY KEY,
        info TEXT NOT NULL,
        first_seen_at INTEGER NOT NULL,
        last_seen_at INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE bandwidth_measurements (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        machine_id TEXT NOT NULL REFERENCES machines(id),
        bytes_per_second REAL NOT NULL,
        threads INTEGER NOT NULL,
        buffer_bytes INTEGER NOT NULL,
        measured_at INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX bandwidth_by_machine ON bandwidth_measurements (machine_id, measured_at);
      -- History follows the file's sha256, so a moved or renamed file keeps it.
      CREATE TABLE bench_runs (
        id TEXT PRIMARY KEY,
        path TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        machine_id TEXT NOT NULL REFERENCES machines(id),
        model TEXT NOT NULL,
        engine TEXT,
        app_version TEXT NOT NULL,
        request TEXT NOT NULL,
        bandwidth_id INTEGER REFERENCES bandwidth_measurements(id),
        status TEXT NOT NULL CHECK (status IN ('running', 'complete', 'cancelled', 'failed', 'interrupted')),
        error TEXT,
        started_at INTEGER NOT NULL,
        finished_at INTEGER
      ) STRICT;
      CREATE INDEX bench_runs_by_file ON bench_runs (sha256, machine_id, started_at);
      CREATE INDEX bench_runs_by_time ON bench_runs (started_at);
      CREATE TABLE bench_results (
        id TEXT PRIMARY KEY,
        run_id TEXT NOT NULL REFERENCES bench_runs(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        n_prompt INTEGER NOT NULL,
        n_gen INTEGER NOT NULL,
        n_depth INTEGER NOT NULL,
        settings TEXT NOT NULL,
        samples_ns TEXT NOT NULL,
        bytes_per_token REAL,
        disturbed INTEGER NOT NULL DEFAULT 0,
        test_time INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX bench_results_by_run ON bench_results (run_id, position);
      CREATE TABLE bench_defaults (
        sha256 TEXT NOT NULL,
        machine_id TEXT NOT NULL,
        settings TEXT NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (sha256, machine_id)
      ) STRICT;`);
    },
  },
  {
    version: 12,
    name: 'load settings per file',
    up(db) {
      // Chat kept these in the window's localStorage (lost with the profile, unseen by Compare and
      // the API); the page hands them over once on its next start.
      db.exec(`CREATE TABLE load_settings (
        path TEXT PRIMARY KEY,
        settings TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT`);
    },
  },
  {
    version: 13,
    name: 'compare results keep the reasoning text',
    up(db) {
      // Rounds answered before this kept only the answer; their reasoning is in the pane's conversation.
      db.exec(`ALTER TABLE comparison_results ADD COLUMN reasoning TEXT NOT NULL DEFAULT ''`);
    },
  },
];

export const latestVersion = migrations.at(-1)?.version ?? 0;
