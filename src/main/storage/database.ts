import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { StorageNotice } from '../../shared/contract';
import { cjkGrams } from './cjkGrams';
import { latestVersion, migrations as allMigrations, type Migration } from './migrations';

export type Db = Database.Database;

export interface OpenDatabaseOptions {
  file: string;
  backupsDir: string;
  /** better-sqlite3 compiled for Electron's ABI lives apart from the Node build (see scripts/start.mjs). */
  nativeBinding?: string;
  migrations?: Migration[];
  /** How many backups to keep. */
  keepBackups?: number;
  now?: () => number;
}

export interface OpenedDatabase {
  db: Db;
  notice: StorageNotice | null;
}

export class DatabaseTooNewError extends Error {
  constructor(readonly version: number) {
    super(`The database was written by a newer Caliper (schema ${version}, this one knows ${latestVersion}).`);
  }
}

const BACKUP_INTERVAL_MS = 24 * 3600_000;

/**
 * Opens the single SQLite file: checks it, recovers from corruption using the newest good backup,
 * sets the pragmas, and migrates (a backup first, one transaction per migration).
 */
export function openDatabase(options: OpenDatabaseOptions): OpenedDatabase {
  const now = options.now ?? Date.now;
  const migrations = options.migrations ?? allMigrations;
  mkdirSync(options.backupsDir, { recursive: true });

  let notice: StorageNotice | null = null;
  let db = tryOpenChecked(options);
  if (!db) {
    notice = recoverFromCorruption(options, now());
    db = tryOpenChecked(options);
    if (!db) throw new Error(`Cannot open the database at ${options.file} even after recovery`);
  }

  configure(db);
  const version = db.pragma('user_version', { simple: true }) as number;
  const target = migrations.at(-1)?.version ?? 0;
  if (version > target) {
    db.close();
    throw new DatabaseTooNewError(version);
  }
  const pending = migrations.filter((m) => m.version > version);
  if (pending.length > 0 && version > 0) backup(db, options, `v${version}`, now());
  for (const m of pending) {
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  if (pending.length === 0 && isBackupDue(options, now())) backup(db, options, `v${version}`, now());
  return { db, notice };
}

function configure(db: Db): void {
  db.pragma('journal_mode = WAL');
  // FULL: a committed message survives a power cut, not only an app crash. Asserted in a test,
  // because a reopened WAL database otherwise reads the build default.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // The triggers that keep the short-CJK search index call it, so every connection needs it.
  db.function('caliper_cjk_grams', { deterministic: true }, cjkGrams);
}

/** Returns an open database that passes quick_check, or null when the file is damaged. */
function tryOpenChecked(options: OpenDatabaseOptions): Db | null {
  let db: Db | null = null;
  try {
    db = new Database(options.file, { nativeBinding: options.nativeBinding });
    const rows = db.pragma('quick_check') as Array<{ quick_check: string }>;
    if (rows.length === 1 && rows[0]?.quick_check === 'ok') return db;
  } catch (error) {
    if (!isCorruptionError(error)) {
      db?.close();
      throw error;
    }
  }
  db?.close();
  return null;
}

function isCorruptionError(error: unknown): boolean {
  const code = (error as { code?: string }).code ?? '';
  return code.startsWith('SQLITE_CORRUPT') || code.startsWith('SQLITE_NOTADB');
}

/** Keeps the damaged file for the user, then restores the newest backup that passes its own check. */
function recoverFromCorruption(options: OpenDatabaseOptions, at: number): StorageNotice {
  const damagedFile = `${options.file}.damaged-${at}`;
  renameSync(options.file, damagedFile);
  for (const suffix of ['-wal', '-shm']) {
    if (existsSync(options.file + suffix)) renameSync(options.file + suffix, damagedFile + suffix);
  }
  for (const candidate of listBackups(options.backupsDir)) {
    copyFileSync(candidate, options.file);
    const db = tryOpenChecked(options);
    if (db) {
      db.close();
      return { kind: 'RESTORED_FROM_BACKUP', damagedFile, backupFile: candidate };
    }
    rmSync(options.file, { force: true });
  }
  return { kind: 'RECREATED', damagedFile, backupFile: null };
}

/** Newest first. Names carry a sortable timestamp. */
export function listBackups(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /^caliper-.*\.db$/.test(f))
    .map((f) => join(dir, f))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs || basename(b).localeCompare(basename(a)));
}

function isBackupDue(options: OpenDatabaseOptions, at: number): boolean {
  const newest = listBackups(options.backupsDir)[0];
  return !newest || at - statSync(newest).mtimeMs > BACKUP_INTERVAL_MS;
}

function backup(db: Db, options: OpenDatabaseOptions, label: string, at: number): void {
  const stamp = new Date(at).toISOString().replace(/[:.]/g, '-');
  const target = join(options.backupsDir, `caliper-${stamp}-${label}.db`);
  // VACUUM INTO writes a consistent, compact copy without blocking on the WAL.
  db.prepare('VACUUM INTO ?').run(target);
  for (const old of listBackups(options.backupsDir).slice(options.keepBackups ?? 5)) rmSync(old, { force: true });
}
