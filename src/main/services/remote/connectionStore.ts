import { randomUUID } from 'node:crypto';
import { ConnectionTestSchema, type ConnectionTest, type ServerKind } from '../../../shared/contract';
import type { Db } from '../../storage/database';
import { guardedWrite } from '../../storage/storageError';

export interface StoredConnection {
  id: string;
  name: string;
  kind: ServerKind;
  baseUrl: string;
  firstByteTimeoutSeconds: number;
  idleTimeoutSeconds: number;
  createdAt: number;
  lastTest: ConnectionTest | null;
}

interface Row {
  id: string;
  name: string;
  kind: string;
  base_url: string;
  first_byte_timeout_s: number;
  idle_timeout_s: number;
  created_at: number;
  last_test: string | null;
}

/** Remote engine connections; their keys live beside the settings as secrets, never in this table. */
export class ConnectionStore {
  private readonly statements;

  constructor(db: Db) {
    this.statements = {
      list: db.prepare<[], Row>('SELECT * FROM remote_connections ORDER BY created_at'),
      get: db.prepare<[string], Row>('SELECT * FROM remote_connections WHERE id = ?'),
      insert: db.prepare(
        `INSERT INTO remote_connections (id, name, kind, base_url, first_byte_timeout_s, idle_timeout_s, created_at)
         VALUES (@id, @name, @kind, @baseUrl, @firstByteTimeoutSeconds, @idleTimeoutSeconds, @createdAt)`,
      ),
      update: db.prepare(
        `UPDATE remote_connections SET name = @name, kind = @kind, base_url = @baseUrl,
         first_byte_timeout_s = @firstByteTimeoutSeconds, idle_timeout_s = @idleTimeoutSeconds, last_test = @lastTest WHERE id = @id`,
      ),
      setTest: db.prepare('UPDATE remote_connections SET last_test = ? WHERE id = ?'),
      remove: db.prepare('DELETE FROM remote_connections WHERE id = ?'),
    };
  }

  list(): StoredConnection[] {
    return this.statements.list.all().map(fromRow);
  }

  get(id: string): StoredConnection | null {
    const row = this.statements.get.get(id);
    return row ? fromRow(row) : null;
  }

  insert(c: Omit<StoredConnection, 'id' | 'createdAt' | 'lastTest'>): StoredConnection {
    const connection = { ...c, id: randomUUID(), createdAt: Date.now(), lastTest: null };
    guardedWrite(() => this.statements.insert.run(connection));
    return connection;
  }

  update(c: StoredConnection): void {
    guardedWrite(() => this.statements.update.run({ ...c, lastTest: c.lastTest ? JSON.stringify(c.lastTest) : null }));
  }

  setTest(id: string, test: ConnectionTest): void {
    guardedWrite(() => this.statements.setTest.run(JSON.stringify(test), id));
  }

  remove(id: string): void {
    guardedWrite(() => this.statements.remove.run(id));
  }
}

function fromRow(r: Row): StoredConnection {
  const test = r.last_test ? ConnectionTestSchema.safeParse(JSON.parse(r.last_test)) : null;
  return {
    id: r.id,
    name: r.name,
    kind: r.kind as ServerKind,
    baseUrl: r.base_url,
    firstByteTimeoutSeconds: r.first_byte_timeout_s,
    idleTimeoutSeconds: r.idle_timeout_s,
    createdAt: r.created_at,
    lastTest: test?.success ? test.data : null,
  };
}
