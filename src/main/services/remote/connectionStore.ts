import { randomUUID } from 'node:crypto';
import { ConnectionTestSchema, type ConnectionTest, type ServerKind } from '../../../shared/contract';
import { readJson, Repository, writeJson } from '../../storage/repository';

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
export class ConnectionStore extends Repository {
  list(): StoredConnection[] {
    return this.sql<[], Row>('SELECT * FROM remote_connections ORDER BY created_at').all().map(fromRow);
  }

  get(id: string): StoredConnection | null {
    const row = this.sql<[string], Row>('SELECT * FROM remote_connections WHERE id = ?').get(id);
    return row ? fromRow(row) : null;
  }

  insert(c: Omit<StoredConnection, 'id' | 'createdAt' | 'lastTest'>): StoredConnection {
    const connection = { ...c, id: randomUUID(), createdAt: Date.now(), lastTest: null };
    this.write(() =>
      this.sql(
        `INSERT INTO remote_connections (id, name, kind, base_url, first_byte_timeout_s, idle_timeout_s, created_at)
         VALUES (@id, @name, @kind, @baseUrl, @firstByteTimeoutSeconds, @idleTimeoutSeconds, @createdAt)`,
      ).run(connection),
    );
    return connection;
  }

  update(c: StoredConnection): void {
    this.write(() =>
      this.sql(
        `UPDATE remote_connections SET name = @name, kind = @kind, base_url = @baseUrl,
         first_byte_timeout_s = @firstByteTimeoutSeconds, idle_timeout_s = @idleTimeoutSeconds, last_test = @lastTest WHERE id = @id`,
      ).run({ ...c, lastTest: writeJson(c.lastTest) }),
    );
  }

  setTest(id: string, test: ConnectionTest): void {
    this.write(() => this.sql('UPDATE remote_connections SET last_test = ? WHERE id = ?').run(JSON.stringify(test), id));
  }

  remove(id: string): void {
    this.write(() => this.sql('DELETE FROM remote_connections WHERE id = ?').run(id));
  }
}

function fromRow(r: Row): StoredConnection {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind as ServerKind,
    baseUrl: r.base_url,
    firstByteTimeoutSeconds: r.first_byte_timeout_s,
    idleTimeoutSeconds: r.idle_timeout_s,
    createdAt: r.created_at,
    lastTest: readJson(ConnectionTestSchema, r.last_test),
  };
}
