import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import type { Sampling } from '../../../shared/contract';
import { appError } from '../../base/appError';
import { networkDetail } from '../../base/netAddress';
import type { ChatTurn } from '../../engineProcess/protocol';
import { sseData } from './sseReader';

export interface RemoteEndpoint {
  baseUrl: string;
  apiKey: string | null;
  /** Until the response starts (a server may load the model first). */
  firstByteTimeoutMs: number;
  /** Between two chunks of a streamed answer. */
  idleTimeoutMs: number;
}

/** The server's own figures, where it reports them (llama-server `timings`, LM Studio `stats`). */
export interface ServerFigures {
  promptTokensPerSecond: number | null;
  generationTokensPerSecond: number | null;
  promptMs: number | null;
}

export interface RemoteAnswer {
  stopReason: 'eos' | 'maxTokens' | 'stopped';
  /** From the request to the first non-empty content or reasoning delta. */
  ttftMs: number | null;
  promptTokens: number;
  generatedTokens: number;
  /** True when the server sent no usage and the tokens were counted as deltas. */
  tokensCounted: boolean;
  /** (n − 1) / (t_last − t_first), measured here: what the user experiences. */
  generationTokensPerSecond: number | null;
  durationMs: number;
  /** Until the response headers arrived: the network round trip plus the server's queueing. */
  headersMs: number;
  server: ServerFigures | null;
}

/** How many times a 429/503 is retried, and the longest Retry-After waited for. */
const BUSY_RETRIES = 3;
const MAX_RETRY_AFTER_MS = 30_000;

/**
 * An OpenAI-compatible server (vLLM, TensorRT-LLM, OpenLLM, llama-server, Ollama, LM Studio,
 * another Caliper). The key goes only to the endpoint's own origin; every failure becomes a typed
 * error with a reason the user can act on.
 */
export class RemoteClient {
  constructor(
    private readonly endpoint: RemoteEndpoint,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  async models(signal?: AbortSignal): Promise<string[]> {
    const response = await this.request('/models', { method: 'GET' }, signal);
    const body = (await response.json().catch(() => null)) as { data?: Array<{ id?: unknown }> } | null;
    if (!Array.isArray(body?.data)) throw appError('REMOTE_MALFORMED', { detail: 'GET /models did not return a model list' });
    return body.data.map((m) => m.id).filter((id): id is string => typeof id === 'string');
  }

  /** A GET beside `/v1` (`/props`, `/version`, `/api/version`); null when the server has none. */
  async sideJson(path: string, signal?: AbortSignal): Promise<Record<string, unknown> | null> {
    const response = await this.sideGet(path, signal);
    return response ? ((await response.json().catch(() => null)) as Record<string, unknown> | null) : null;
  }

  /** Whether the server answers a GET beside `/v1` (`/metrics`). */
  async sideReachable(path: string, signal?: AbortSignal): Promise<boolean> {
    const response = await this.sideGet(path, signal);
    await response?.body?.cancel();
    return response !== null;
  }

  private async sideGet(path: string, signal?: AbortSignal): Promise<Response | null> {
    try {
      const url = new URL(path, this.endpoint.baseUrl.replace(/\/v1\/?$/, '/'));
      const response = await this.fetchWithTimeout(url, { method: 'GET', headers: this.headers() }, signal);
      if (response.ok) return response;
      await response.body?.cancel();
      return null;
    } catch {
      return null;
    }
  }

  /**
   * One streamed answer. Deltas arrive through `onDelta`; a stream cut mid-answer is
   * REMOTE_STREAM_CUT with what arrived already delivered, so the caller keeps it.
   */
  async chat(
    model: string,
    turns: ChatTurn[],
    sampling: Sampling,
    onDelta: (text: string, segment: 'text' | 'thought') => void,
    signal?: AbortSignal,
  ): Promise<RemoteAnswer> {
    const start = performance.now();
    const body = {
      model,
      messages: turns.map((t) => ({ role: t.role, content: t.text })),
      stream: true,
      stream_options: { include_usage: true },
      max_tokens: sampling.maxTokens,
      temperature: sampling.temperature,
      top_p: sampling.topP,
      ...(sampling.seed !== null ? { seed: sampling.seed } : {}),
      // llama-server, vLLM and Ollama read these; OpenAI's own API would ignore them.
      top_k: sampling.topK,
      min_p: sampling.minP,
      repeat_penalty: sampling.repeatPenalty,
    };
    const response = await this.request('/chat/completions', { method: 'POST', body: JSON.stringify(body) }, signal, model);
    const headersMs = performance.now() - start;
    if (!response.body) throw appError('REMOTE_MALFORMED', { detail: 'the answer has no body' });

    let first: number | null = null;
    let last = 0;
    let deltas = 0;
    let usage: { prompt_tokens?: number; completion_tokens?: number } | null = null;
    let finish: string | null = null;
    let done = false;
    let server: ServerFigures | null = null;
    const idle = new AbortController();
    const linked = AbortSignal.any([idle.signal, ...(signal ? [signal] : [])]);
    let idleTimer = setTimeout(() => idle.abort(), this.endpoint.idleTimeoutMs);
    try {
      for await (const data of sseData(response.body, linked)) {
        clearTimeout(idleTimer);
        idleTimer = setTimeout(() => idle.abort(), this.endpoint.idleTimeoutMs);
        if (data === '[DONE]') {
          done = true;
          break;
        }
        const chunk = parseChunk(data);
        if (chunk.error) throw appError('REMOTE_FAILED', { status: 200, detail: String(chunk.error.message ?? 'the server reported an error').slice(0, 300) });
        const choice = chunk.choices?.[0];
        const delta = choice?.delta ?? {};
        const reasoning = delta.reasoning_content ?? delta.reasoning;
        for (const [text, segment] of [
          [reasoning, 'thought'],
          [delta.content, 'text'],
        ] as const) {
          if (typeof text !== 'string' || text === '') continue;
          const now = performance.now();
          first ??= now;
          last = now;
          deltas++;
          onDelta(text, segment);
        }
        if (choice?.finish_reason) finish = choice.finish_reason;
        if (chunk.usage) usage = chunk.usage;
        if (chunk.timings) server = figuresOf(chunk.timings);
      }
    } catch (error) {
      if (signal?.aborted) return this.answer('stopped', start, first, last, deltas, usage, headersMs, server);
      if (idle.signal.aborted) throw appError('REMOTE_TIMEOUT', { phase: 'idle', seconds: Math.round(this.endpoint.idleTimeoutMs / 1000) });
      if ((error as { code?: string }).code?.startsWith('REMOTE_')) throw error;
      throw appError('REMOTE_STREAM_CUT', { detail: networkDetail(error) });
    } finally {
      clearTimeout(idleTimer);
    }
    if (signal?.aborted) return this.answer('stopped', start, first, last, deltas, usage, headersMs, server);
    // Cancelling the reader ends the loop quietly: the idle timer's abort is read here.
    if (idle.signal.aborted) throw appError('REMOTE_TIMEOUT', { phase: 'idle', seconds: Math.round(this.endpoint.idleTimeoutMs / 1000) });
    // A stream that ends without [DONE] or a finish reason was cut, whatever the socket said.
    if (!done && finish === null) throw appError('REMOTE_STREAM_CUT', { detail: 'the stream ended before the answer was finished' });
    return this.answer(finish === 'length' ? 'maxTokens' : 'eos', start, first, last, deltas, usage, headersMs, server);
  }

  private answer(
    stopReason: RemoteAnswer['stopReason'],
    start: number,
    first: number | null,
    last: number,
    deltas: number,
    usage: { prompt_tokens?: number; completion_tokens?: number } | null,
    headersMs: number,
    server: ServerFigures | null,
  ): RemoteAnswer {
    const generated = usage?.completion_tokens ?? deltas;
    const seconds = first === null ? 0 : (last - first) / 1000;
    return {
      stopReason,
      ttftMs: first === null ? null : first - start,
      promptTokens: usage?.prompt_tokens ?? 0,
      generatedTokens: generated,
      tokensCounted: usage?.completion_tokens === undefined,
      generationTokensPerSecond: seconds > 0 && generated > 1 ? (generated - 1) / seconds : null,
      durationMs: performance.now() - start,
      headersMs,
      server,
    };
  }

  /** Sends a request, retrying 429/503 after their Retry-After; any other failure is a typed error. */
  private async request(path: string, init: RequestInit, signal?: AbortSignal, model?: string): Promise<Response> {
    const url = new URL(this.endpoint.baseUrl.replace(/\/+$/, '') + path);
    for (let attempt = 0; ; attempt++) {
      const headers = { ...this.headers(), ...(init.body ? { 'content-type': 'application/json' } : {}) };
      const response = await this.fetchWithTimeout(url, { ...init, headers }, signal);
      if (response.ok) return response;
      const detail = (await response.text().catch(() => '')).slice(0, 300);
      if (response.status === 429 || response.status === 503) {
        const waitMs = retryAfterMs(response.headers.get('retry-after'));
        if (attempt < BUSY_RETRIES && waitMs <= MAX_RETRY_AFTER_MS) {
          await delay(waitMs, undefined, { signal });
          continue;
        }
        throw appError('REMOTE_BUSY', { status: response.status, retryAfterSeconds: Math.ceil(waitMs / 1000) });
      }
      if (response.status === 401 || response.status === 403) throw appError('REMOTE_UNAUTHORIZED', { endpoint: url.origin, status: response.status });
      if (response.status === 404 && model !== undefined && /model/i.test(detail)) throw appError('REMOTE_MODEL_NOT_FOUND', { model });
      throw appError('REMOTE_FAILED', { status: response.status, detail: messageOf(detail) });
    }
  }

  private async fetchWithTimeout(url: URL, init: RequestInit, signal?: AbortSignal): Promise<Response> {
    const timeout = AbortSignal.timeout(this.endpoint.firstByteTimeoutMs);
    try {
      return await this.fetchImpl(url, { ...init, redirect: 'error', signal: AbortSignal.any([timeout, ...(signal ? [signal] : [])]) });
    } catch (error) {
      if (signal?.aborted) throw error;
      if (timeout.aborted) throw appError('REMOTE_TIMEOUT', { phase: 'first_byte', seconds: Math.round(this.endpoint.firstByteTimeoutMs / 1000) });
      const detail = networkDetail(error);
      if (/CERT|SSL|TLS|self.signed|ERR_TLS/i.test(detail)) throw appError('REMOTE_TLS', { endpoint: url.origin, detail });
      throw appError('REMOTE_UNREACHABLE', { endpoint: url.origin, detail });
    }
  }

  private headers(): Record<string, string> {
    return this.endpoint.apiKey ? { authorization: `Bearer ${this.endpoint.apiKey}` } : {};
  }
}

interface Chunk {
  choices?: Array<{ delta?: { content?: unknown; reasoning_content?: unknown; reasoning?: unknown }; finish_reason?: string | null }>;
  usage?: { prompt_tokens?: number; completion_tokens?: number } | null;
  timings?: Record<string, unknown>;
  error?: { message?: unknown };
}

function parseChunk(data: string): Chunk {
  try {
    const value = JSON.parse(data) as unknown;
    if (typeof value === 'object' && value !== null) return value as Chunk;
  } catch {
    // handled below
  }
  throw appError('REMOTE_MALFORMED', { detail: `an event that is not JSON: ${data.slice(0, 80)}` });
}

function figuresOf(timings: Record<string, unknown>): ServerFigures {
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  return {
    promptTokensPerSecond: num(timings.prompt_per_second),
    generationTokensPerSecond: num(timings.predicted_per_second),
    promptMs: num(timings.prompt_ms),
  };
}

/** `Retry-After` in seconds or as a date; absent: one second. */
function retryAfterMs(header: string | null): number {
  if (!header) return 1000;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isFinite(date) ? Math.max(0, date - Date.now()) : 1000;
}

function messageOf(detail: string): string {
  try {
    const parsed = JSON.parse(detail) as { error?: { message?: string } | string; message?: string };
    const message = typeof parsed.error === 'string' ? parsed.error : (parsed.error?.message ?? parsed.message);
    if (message) return message.slice(0, 300);
  } catch {
    // not JSON: the text itself
  }
  return detail || 'no details';
}
