import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { ApiKeyInfo } from '../../../shared/contract';
import { appError } from '../../base/appError';
import { Repository } from '../../storage/repository';

interface KeyRow {
  id: string;
  name: string;
  prefix: string;
  created_at: number;
  last_used_at: number | null;
}

/** `cal-` + 32 random bytes: recognisable in a config file, unguessable. */
const KEY_PREFIX = 'cal-';

const hashOf = (key: string) => createHash('sha256').update(key).digest('hex');

/** API keys: created and shown once, kept as their hash, revoked for good. */
export class ApiKeyStore extends Repository {
  list(): ApiKeyInfo[] {
    return this.sql<[], KeyRow>('SELECT id, name, prefix, created_at, last_used_at FROM api_keys ORDER BY created_at').all().map(toInfo);
  }

  create(name: string, now = Date.now()): { key: string; info: ApiKeyInfo } {
    const key = KEY_PREFIX + randomBytes(32).toString('base64url');
    const id = randomUUID();
    const prefix = key.slice(0, KEY_PREFIX.length + 6);
    this.write(() =>
      this.sql('INSERT INTO api_keys (id, name, hash, prefix, created_at) VALUES (?, ?, ?, ?, ?)').run(id, name, hashOf(key), prefix, now),
    );
    return { key, info: { id, name, prefix, createdAt: now, lastUsedAt: null } };
  }

  revoke(id: string): void {
    const { changes } = this.write(() => this.sql('DELETE FROM api_keys WHERE id = ?').run(id));
    if (changes === 0) throw appError('API_KEY_NOT_FOUND', { id });
  }

  /** The key's name when it is a live key; its last use is recorded at most once a minute. */
  verify(key: string, now = Date.now()): string | null {
    if (!key.startsWith(KEY_PREFIX)) return null;
    const row = this.sql<[string], { id: string; name: string }>('SELECT id, name FROM api_keys WHERE hash = ?').get(hashOf(key));
    if (!row) return null;
    const last = this.lastTouched.get(row.id) ?? 0;
    if (now - last > 60_000) {
      this.lastTouched.set(row.id, now);
      // Best effort: a full disk must not turn a valid key into a refused request.
      try {
        this.sql('UPDATE api_keys SET last_used_at = ? WHERE id = ?').run(now, row.id);
      } catch {
        // The time of last use is a convenience.
      }
    }
    return row.name;
  }

  private readonly lastTouched = new Map<string, number>();
}

function toInfo(row: KeyRow): ApiKeyInfo {
  return { id: row.id, name: row.name, prefix: row.prefix, createdAt: row.created_at, lastUsedAt: row.last_used_at };
}
