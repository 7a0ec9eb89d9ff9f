import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/main/storage/database';
import { migrations } from '../../src/main/storage/migrations';
import { useTempDirs } from '../support/tempDir';

const tempDir = useTempDirs();

describe('migration 9 (history at scale)', () => {
  it('marks existing Compare panes, and indexes existing Chinese text for short queries', () => {
    const dir = tempDir();
    const p = { file: join(dir, 'caliper.db'), backupsDir: join(dir, 'backups') };
    const old = openDatabase({ ...p, migrations: migrations.filter((m) => m.version <= 7) }).db;
    const conversation = old.prepare(
      "INSERT INTO conversations (id, title, created_at, updated_at, sampling) VALUES (?, '', 1, 1, '{}')",
    );
    conversation.run('chat');
    conversation.run('pane');
    old.prepare("INSERT INTO comparisons (id, title, created_at, updated_at, options, revealed) VALUES ('cmp', '', 1, 1, '{}', 1)").run();
    old.prepare("INSERT INTO comparison_panes (comparison_id, position, conversation_id, load) VALUES ('cmp', 0, 'pane', '{}')").run();
    old.prepare(
      "INSERT INTO messages (id, conversation_id, role, content, status, created_at, updated_at) VALUES ('m', 'chat', 'user', '今天的天气', 'complete', 1, 1)",
    ).run();
    old.close();

    const { db } = openDatabase(p);
    expect(db.prepare('SELECT id, kind FROM conversations ORDER BY id').all()).toEqual([
      { id: 'chat', kind: 'chat' },
      { id: 'pane', kind: 'compare' },
    ]);
    const find = (term: string) => db.prepare('SELECT rowid FROM messages_cjk WHERE messages_cjk MATCH ?').pluck().all(`"${term}"`);
    expect(find('天气')).toHaveLength(1);
    // Kept in step from now on: an edit and a delete reach the side index through the triggers.
    db.prepare("UPDATE messages SET content = '明天' WHERE id = 'm'").run();
    expect(find('天气')).toHaveLength(0);
    expect(find('明天')).toHaveLength(1);
    db.prepare("DELETE FROM messages WHERE id = 'm'").run();
    expect(find('明')).toHaveLength(0);
    db.close();
  });
});
