import type { ApiLogEntry } from '../../../shared/contract';
import { Emitter } from '../../base/emitter';
import { Repository } from '../../storage/repository';

interface LogRow {
  id: number;
  at: number;
  client: string;
  key_name: string | null;
  endpoint: string;
  model: string | null;
  stream: number;
  status: number;
  error_code: string | null;
  prompt_tokens: number | null;
  completion_tokens: number | null;
  ttft_ms: number | null;
  tokens_per_second: number | null;
  duration_ms: number;
}

/** The most recent requests kept; older ones are deleted as new ones arrive. */
const KEEP = 5000;

/** The API's request log, bounded, in SQLite; every new entry is also an event for the open view. */
export class RequestLogStore extends Repository {
  private readonly didLog = new Emitter<ApiLogEntry>();
  readonly onDidLog = this.didLog.event;

  /** Never throws: a log that cannot be written (full disk) must not fail the request it describes. */
  add(entry: Omit<ApiLogEntry, 'id'>): void {
    try {
      const { lastInsertRowid } = this.write(() =>
        this.sql(
          `INSERT INTO api_requests (at, client, key_name, endpoint, model, stream, status, error_code, prompt_tokens,
             completion_tokens, ttft_ms, tokens_per_second, duration_ms)
           VALUES (@at, @client, @keyName, @endpoint, @model, @stream, @status, @errorCode, @promptTokens,
             @completionTokens, @ttftMs, @tokensPerSecond, @durationMs)`,
        ).run({ ...entry, stream: entry.stream ? 1 : 0 }),
      );
      const id = Number(lastInsertRowid);
      if (id % 100 === 0) this.write(() => this.sql('DELETE FROM api_requests WHERE id <= ?').run(id - KEEP));
      this.didLog.fire({ ...entry, id });
    } catch {
      // The request itself was served; only its log line is lost.
    }
  }

  page(limit: number, beforeId = Number.MAX_SAFE_INTEGER): ApiLogEntry[] {
    return this.sql<[number, number], LogRow>('SELECT * FROM api_requests WHERE id < ? ORDER BY id DESC LIMIT ?')
      .all(beforeId, limit)
      .map((r) => ({
        id: r.id,
        at: r.at,
        client: r.client,
        keyName: r.key_name,
        endpoint: r.endpoint,
        model: r.model,
        stream: r.stream === 1,
        status: r.status,
        errorCode: r.error_code,
        promptTokens: r.prompt_tokens,
        completionTokens: r.completion_tokens,
        ttftMs: r.ttft_ms,
        tokensPerSecond: r.tokens_per_second,
        durationMs: r.duration_ms,
      }));
  }
}
