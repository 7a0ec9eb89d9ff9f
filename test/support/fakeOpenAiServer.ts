import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { sleep } from '../../src/shared/backoff';

/**
 * A loopback server that speaks OpenAI's chat API the way the servers people deploy do, quirks
 * included, and fails on request the ways they fail. It stands in for vLLM, llama.cpp's
 * llama-server and Ollama, which cannot run here.
 *
 * - vLLM: role-only first chunk (`content: ""`), one chunk per token, `usage: null` in every chunk
 *   and a usage-only last chunk when asked; `GET /version`, `GET /metrics` (Prometheus text).
 * - llama-server: role-only first chunk with `content: null`, `timings` in the finish chunk,
 *   usage beside them when asked; `GET /props` with its build.
 * - Ollama: no role-only chunk (the role rides on the first token), `system_fingerprint:
 *   "fp_ollama"`, no usage in the stream at all; `GET /api/version`.
 */

export type Flavor = 'vllm' | 'llama-server' | 'ollama';

export type Fault =
  | { kind: 'unauthorized' }
  | { kind: 'busy'; status: 429 | 503; retryAfterSeconds: number; times: number }
  | { kind: 'cutMidStream'; afterTokens: number }
  | { kind: 'malformed'; afterTokens: number }
  | { kind: 'neverAnswers' }
  | { kind: 'stallAfter'; afterTokens: number };

export interface FakeOpenAiOptions {
  flavor: Flavor;
  models: string[];
  /** When set, requests must carry `Authorization: Bearer <apiKey>`. */
  apiKey?: string;
  /** The answer, token by token (each a chunk). */
  tokens?: string[];
  /** Pause between tokens, so rates and times to first token are measurable. */
  tokenDelayMs?: number;
  /** Reasoning tokens sent before the answer as `reasoning_content` (vLLM and llama-server call it that). */
  reasoning?: string[];
}

export interface LoggedRequest {
  method: string;
  path: string;
  authorization: string | null;
  body: Record<string, unknown> | null;
}

const DEFAULT_TOKENS = ['Hello', ' from', ' a', ' remote', ' server', '.'];

export class FakeOpenAiServer {
  readonly requests: LoggedRequest[] = [];
  url = '';
  private server!: Server;
  private readonly sockets = new Set<Socket>();
  private fault: Fault | null = null;

  private constructor(private readonly options: FakeOpenAiOptions) {}

  static async start(options: FakeOpenAiOptions): Promise<FakeOpenAiServer> {
    const fake = new FakeOpenAiServer(options);
    fake.server = createServer((req, res) => void fake.handle(req, res));
    fake.server.on('connection', (s) => {
      fake.sockets.add(s);
      s.on('close', () => fake.sockets.delete(s));
    });
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    fake.url = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
    return fake;
  }

  /** The next requests fail this way (until cleared, or `times` answers for `busy`). */
  setFault(fault: Fault | null): void {
    this.fault = fault;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', this.url).pathname;
    const body = req.method === 'POST' ? await readJson(req) : null;
    this.requests.push({ method: req.method ?? 'GET', path, authorization: req.headers.authorization ?? null, body });
    const flavor = this.options.flavor;

    if (this.fault?.kind === 'neverAnswers') return; // keeps the socket open, says nothing
    if (this.options.apiKey && req.headers.authorization !== `Bearer ${this.options.apiKey}`) {
      return json(res, 401, { error: { message: 'Invalid API key', type: 'invalid_request_error', code: 'invalid_api_key' } });
    }
    if (this.fault?.kind === 'unauthorized') return json(res, 403, { error: { message: 'Forbidden', type: 'permission_error' } });
    const fault = this.fault;
    if (fault?.kind === 'busy' && fault.times > 0 && path.endsWith('/chat/completions')) {
      fault.times--;
      res.writeHead(fault.status, { 'content-type': 'application/json', 'retry-after': String(fault.retryAfterSeconds) });
      return void res.end(JSON.stringify({ error: { message: 'Server busy', type: 'server_error' } }));
    }

    if (req.method === 'GET' && path === '/v1/models') {
      return json(res, 200, { object: 'list', data: this.options.models.map((id) => ({ id, object: 'model', created: 1, owned_by: flavor })) });
    }
    if (req.method === 'GET' && flavor === 'vllm' && path === '/version') return json(res, 200, { version: '0.11.0' });
    if (req.method === 'GET' && flavor === 'vllm' && path === '/metrics') {
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
      return void res.end('# HELP vllm:num_requests_running Number of requests running\nvllm:num_requests_running{model_name="m"} 0.0\n');
    }
    if (req.method === 'GET' && flavor === 'llama-server' && path === '/props') {
      return json(res, 200, { build_info: 'b7000-deadbeef', model_path: '/models/remote.gguf', n_ctx: 4096 });
    }
    if (req.method === 'GET' && flavor === 'ollama' && path === '/api/version') return json(res, 200, { version: '0.12.3' });
    if (req.method === 'POST' && path === '/v1/chat/completions' && body) return this.chat(body, res);
    json(res, 404, { error: { message: `no route ${req.method} ${path}`, type: 'invalid_request_error' } });
  }

  private async chat(body: Record<string, unknown>, res: ServerResponse): Promise<void> {
    const model = String(body.model ?? '');
    if (!this.options.models.includes(model)) {
      return json(res, 404, { error: { message: `The model \`${model}\` does not exist.`, type: 'NotFoundError', code: 404 } });
    }
    const flavor = this.options.flavor;
    const maxTokens = typeof body.max_tokens === 'number' ? body.max_tokens : Infinity;
    const answer = (this.options.tokens ?? DEFAULT_TOKENS).slice(0, maxTokens);
    const reasoning = this.options.reasoning ?? [];
    const finish = answer.length < (this.options.tokens ?? DEFAULT_TOKENS).length ? 'length' : 'stop';
    const promptTokens = JSON.stringify(body.messages ?? []).length >> 2;
    const usage = { prompt_tokens: promptTokens, completion_tokens: answer.length + reasoning.length, total_tokens: promptTokens + answer.length + reasoning.length };
    const id = `chatcmpl-${flavor}`;
    const base = { id, object: 'chat.completion.chunk', created: 1_700_000_000, model, ...(flavor === 'ollama' ? { system_fingerprint: 'fp_ollama' } : {}) };

    if (body.stream !== true) {
      await sleep((this.options.tokenDelayMs ?? 0) * answer.length);
      return json(res, 200, {
        ...base,
        object: 'chat.completion',
        choices: [{ index: 0, message: { role: 'assistant', content: answer.join(''), ...(reasoning.length ? { reasoning_content: reasoning.join('') } : {}) }, finish_reason: finish }],
        usage,
      });
    }

    const includeUsage = (body.stream_options as { include_usage?: boolean } | undefined)?.include_usage === true;
    const usageField = flavor === 'vllm' && includeUsage ? { usage: null } : {};
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    res.socket?.setNoDelay(true);
    const send = (chunk: unknown) => res.write(`data: ${JSON.stringify(chunk)}\n\n`);
    const choice = (delta: Record<string, unknown>, finishReason: string | null = null) => ({ index: 0, delta, logprobs: null, finish_reason: finishReason });

    if (flavor !== 'ollama') send({ ...base, choices: [choice({ role: 'assistant', content: flavor === 'vllm' ? '' : null })], ...usageField });
    const fault = this.fault;
    const pieces = [...reasoning.map((r) => ({ reasoning_content: r })), ...answer.map((t) => ({ content: t }))];
    for (const [i, piece] of pieces.entries()) {
      if (fault && 'afterTokens' in fault && i === fault.afterTokens) {
        if (fault.kind === 'cutMidStream') {
          // What was written reaches the client first; then the connection drops without an end.
          await sleep(50);
          return void res.socket?.destroy();
        }
        if (fault.kind === 'malformed') {
          res.write('data: {"id": "chatcmpl-broken", "choices": [{"delta": {"content": \n\n');
          return void res.end();
        }
        if (fault.kind === 'stallAfter') return; // the socket stays open, nothing more comes
      }
      await sleep(this.options.tokenDelayMs ?? 0);
      send({ ...base, choices: [choice(i === 0 && flavor === 'ollama' ? { role: 'assistant', ...piece } : piece)], ...usageField });
    }
    const timings =
      flavor === 'llama-server'
        ? { timings: { prompt_n: promptTokens, prompt_ms: 12.5, prompt_per_second: promptTokens / 0.0125, predicted_n: answer.length, predicted_ms: 40, predicted_per_second: answer.length / 0.04 } }
        : {};
    send({ ...base, choices: [choice({}, finish)], ...usageField, ...timings, ...(flavor === 'llama-server' && includeUsage ? { usage } : {}) });
    if (flavor === 'vllm' && includeUsage) send({ ...base, choices: [], usage });
    res.end('data: [DONE]\n\n');
  }
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown> | null> {
  const chunks: Buffer[] = [];
  for await (const c of req as AsyncIterable<Buffer>) chunks.push(c);
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
  } catch {
    return null;
  }
}

