import type { Statement } from 'better-sqlite3';
import type { z } from 'zod';
import type { Db } from './database';
import { guardedWrite } from './storageError';

/**
 * The one way a store touches SQLite. Statements are prepared once per SQL text and kept; every
 * write goes through `write`, which makes it one transaction and turns a SQLite failure (a full
 * disk, a read-only file) into STORAGE_FAILED; JSON columns are read through their schema with
 * `readJson`. Stores are built in the composition root and handed to their services.
 */
export abstract class Repository {
  private readonly prepared = new Map<string, Statement<unknown[]>>();

  constructor(protected readonly db: Db) {}

  /** The statement for `text`, prepared on first use. */
  protected sql<P extends unknown[] = unknown[], R = unknown>(text: string): Statement<P, R> {
    let statement = this.prepared.get(text);
    if (!statement) {
      statement = this.db.prepare(text);
      this.prepared.set(text, statement);
    }
    return statement as unknown as Statement<P, R>;
  }

  /** Like `sql`, returning each row's first column alone. */
  protected pluck<P extends unknown[] = unknown[], R = unknown>(text: string): Statement<P, R> {
    const key = `pluck\u0000${text}`;
    let statement = this.prepared.get(key);
    if (!statement) {
      statement = this.db.prepare(text).pluck();
      this.prepared.set(key, statement);
    }
    return statement as unknown as Statement<P, R>;
  }

  /** Runs `fn` as one transaction (a savepoint inside another); SQLite failures become STORAGE_FAILED. */
  protected write<T>(fn: () => T): T {
    return guardedWrite(() => this.db.transaction(fn)());
  }
}

/** A JSON column read through its schema: null when empty, or when the stored shape no longer parses. */
export function readJson<T>(schema: z.ZodType<T>, text: string | null | undefined): T | null {
  if (!text) return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** The TEXT a JSON column stores; null stays NULL. */
export function writeJson(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value);
}
