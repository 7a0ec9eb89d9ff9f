import type { ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { ApiService } from '../../services/api/apiService';

/** What the request log keeps of one request; handlers fill it in as they go. */
export interface RequestRecord {
  model: string | null;
  stream: boolean;
  status: number;
  errorCode: string | null;
  promptTokens: number | null;
  completionTokens: number | null;
  ttftMs: number | null;
  tokensPerSecond: number | null;
}

/** One API request being served. */
export interface Exchange {
  api: ApiService;
  res: ServerResponse;
  body: unknown;
  /** Aborted when the client goes away: the generation stops and frees its sequence. */
  signal: AbortSignal;
  /** CORS headers for an allowed origin; added to every response. */
  headers: Record<string, string>;
  record: RequestRecord;
  startedAt: number;
}

export function sendJson(exchange: Exchange, body: unknown): void {
  exchange.record.status = 200;
  exchange.res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', ...exchange.headers }).end(JSON.stringify(body));
}

/** Milliseconds since the request arrived: what a client sees, model loading included. */
export function elapsed(exchange: Exchange): number {
  return performance.now() - exchange.startedAt;
}

export const unixSeconds = () => Math.floor(Date.now() / 1000);
