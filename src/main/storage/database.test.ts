import Database from 'better-sqlite3';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../test/support/tempDir';
import { DatabaseTooNewError, listBackups, openDatabase } from './database';
import { migrations } from './migrations';

const tempDir = useTempDirs();

function paths() {
  const dir = tempDir();
  return { file: join(dir, 'caliper.db'), backupsDir: join(dir, 'backups'), dir };
}

describe('openDatabase', () => {
  it('sets WAL, synchronous FULL, foreign keys and a busy timeout, also after reopening', () => {
    const p = paths();
    for (let round = 0; round < 2; round++) {
      const { db } = openDatabase(p);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      // 2 = FULL. A reopened WAL database would read 1 (NORMAL) from the build default.
      expect(db.pragma('synchronous', { simple: true })).toBe(2);
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
      expect(db.pragma('user_version', { simple: true })).toBe(migrations.at(-1)!.version);
      db.close();
    }
  });

  it('migrates a database of an older version, keeping its data, after a backup', () => {
    const p = paths();
    // A database as version 1 of the app left it.
    const v1 = openDatabase({ ...p, migrations: migrations.slice(0, 1) }).db;
    v1.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run('theme', '"dark"');
    v1.close();
    const backupsBefore = listBackups(p.backupsDir).length;

    const { db, notice } = openDatabase(p);
    expect(notice).toBeNull();
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.at(-1)!.version);
    expect(db.prepare('SELECT value FROM settings WHERE key = ?').get('theme')).toEqual({ value: '"dark"' });
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'gguf_headers'").get()).toBeTruthy();
    db.close();

    const backups = listBackups(p.backupsDir);
    expect(backups.length).toBe(backupsBefore + 1);
    const backup = new Database(backups[0]!, { readonly: true });
    expect(backup.pragma('user_version', { simple: true })).toBe(1);
    backup.close();
  });

  it('rolls a failing migration back completely and keeps the old version', () => {
    const p = paths();
    openDatabase({ ...p, migrations: migrations.slice(0, 1) }).db.close();
    const broken = [
      ...migrations.slice(0, 1),
      {
        version: 2,
        name: 'half done',
        up(db: Database.Database) {
          db.exec('CREATE TABLE half (x INTEGER)');
          throw new Error('migration bug');
        },
      },
    ];
    expect(() => openDatabase({ ...p, migrations: broken })).toThrow('migration bug');
    const db = new Database(p.file);
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").get()).toBeUndefined();
    db.close();
  });

  it('keeps a corrupt file aside and restores the last good backup, telling the user', () => {
    const p = paths();
    const first = openDatabase(p).db; // first start takes a backup
    first.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run('language', '"zh-CN"');
    first.close();
    // The daily backup already exists; take one that holds the setting, as a later day would.
    openDatabase({ ...p, now: () => Date.now() + 2 * 24 * 3600_000 }).db.close();

    writeFileSync(p.file, Buffer.alloc(8192, 0x5a)); // garbage where the database was
    const { db, notice } = openDatabase(p);
    expect(notice?.kind).toBe('RESTORED_FROM_BACKUP');
    expect(existsSync(notice!.damagedFile)).toBe(true);
    expect(notice!.backupFile).toBe(listBackups(p.backupsDir)[0]);
    expect(db.prepare('SELECT value FROM settings WHERE key = ?').get('language')).toEqual({ value: '"zh-CN"' });
    db.close();
  });

  it('starts a fresh database when the file is corrupt and no backup is usable', () => {
    const p = paths();
    writeFileSync(p.file, 'this is not a database, just text that is long enough'.repeat(200));
    const { db, notice } = openDatabase(p);
    expect(notice).toMatchObject({ kind: 'RECREATED', backupFile: null });
    expect(readdirSync(p.dir).some((f) => f.startsWith('caliper.db.damaged-'))).toBe(true);
    expect(db.prepare('SELECT COUNT(*) AS n FROM settings').get()).toEqual({ n: 0 });
    db.close();
  });

  it('refuses a database written by a newer version instead of damaging it', () => {
    const p = paths();
    const db = openDatabase(p).db;
    db.pragma('user_version = 99');
    db.close();
    expect(() => openDatabase(p)).toThrow(DatabaseTooNewError);
  });
});
