import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { HOST_TOKEN_KEY_NAME } from '../../../shared/contract';
import { isLoopbackAddress } from '../../base/netAddress';
import type { ApiService } from '../../services/api/apiService';
import type { SettingsService } from '../../services/settings/settingsService';
import { BodyError, readJsonBody } from '../httpBody';
import { bearerToken } from '../hostSecret';
import type { ApiRequestContext, ApiRoutes } from '../httpHost';
import { chatCompletions } from './chatCompletions';
import { completions } from './completions';
import { embeddings } from './embeddings';
import type { Exchange, RequestRecord } from './exchange';
import { models } from './models';
import { OpenAiError, sendError, toOpenAiError } from './openAiErrors';

/** Requests carry whole conversations; 16 MB is far beyond any context a local model holds. */
const MAX_BODY_BYTES = 16 * 1024 * 1024;

/**
 * OpenAI's API under `/v1`: authentication (an API key, the headless host's token, or nothing
 * for programs on this machine when the user chose so), CORS for origins the user listed, the
 * endpoints, and one log line per request.
 */
export class OpenAiRoutes implements ApiRoutes {
  constructor(
    private readonly api: ApiService,
    private readonly settings: SettingsService,
  ) {}

  async handle(req: IncomingMessage, res: ServerResponse, context: ApiRequestContext): Promise<void> {
    const headers = context.origin === 'cors' ? corsHeaders(req.headers.origin!) : {};
    if (req.method === 'OPTIONS') {
      // Preflights carry no credentials; they learn only what the browser may send.
      res.writeHead(204, { ...headers, ...(context.origin === 'cors' ? preflightHeaders(req) : {}) }).end();
      return;
    }
    const path = new URL(req.url ?? '/', 'http://localhost').pathname.replace(/\/+$/, '');
    const record: RequestRecord = {
      model: null,
      stream: false,
      status: 0,
      errorCode: null,
      promptTokens: null,
      completionTokens: null,
      ttftMs: null,
      tokensPerSecond: null,
    };
    const controller = new AbortController();
    // A client that goes away mid-answer stops the generation and frees the model's sequence.
    res.once('close', () => {
      if (!res.writableFinished) controller.abort();
    });
    const startedAt = performance.now();
    const at = Date.now();
    const auth = this.authorize(req, context);
    try {
      if (!auth.ok) {
        throw new OpenAiError(401, 'authentication_error', 'invalid_api_key', 'A valid API key is required: send "Authorization: Bearer <key>". Keys are created in Caliper under Settings → Local API.');
      }
      const body = req.method === 'POST' ? await readJsonBody(req, MAX_BODY_BYTES) : undefined;
      const exchange: Exchange = { api: this.api, res, body, signal: controller.signal, headers, record, startedAt };
      await this.route(req.method ?? 'GET', path, exchange);
    } catch (error) {
      const failure = error instanceof BodyError ? new OpenAiError(error.status, 'invalid_request_error', 'invalid_body', error.message) : toOpenAiError(error);
      record.status = failure.status;
      record.errorCode = failure.code;
      if (!controller.signal.aborted) sendError(res, failure, headers);
    } finally {
      if (controller.signal.aborted) {
        record.status = 499; // nginx's "client closed request"
        record.errorCode ??= 'client_closed';
      }
      this.api.recordRequest({
        at,
        client: clientLabel(req, context.client),
        keyName: auth.ok ? auth.keyName : null,
        endpoint: `${req.method} ${path}`,
        ...record,
        durationMs: performance.now() - startedAt,
      });
    }
  }

  private async route(method: string, path: string, exchange: Exchange): Promise<void> {
    if (path === '/v1/models' && method === 'GET') return models(exchange, null);
    if (path.startsWith('/v1/models/') && method === 'GET') return models(exchange, decodeURIComponent(path.slice('/v1/models/'.length)));
    const post: Record<string, (e: Exchange) => Promise<void>> = {
      '/v1/chat/completions': chatCompletions,
      '/v1/completions': completions,
      '/v1/embeddings': embeddings,
    };
    const handler = post[path];
    if (!handler) throw new OpenAiError(404, 'invalid_request_error', 'unknown_url', `Unknown endpoint: ${method} ${path}.`);
    if (method !== 'POST') throw new OpenAiError(405, 'invalid_request_error', 'method_not_allowed', `${path} takes POST.`);
    return handler(exchange);
  }

  private authorize(req: IncomingMessage, context: ApiRequestContext): { ok: true; keyName: string | null } | { ok: false } {
    const bearer = bearerToken(req);
    if (bearer !== null) {
      if (context.secret?.matchesToken(bearer)) return { ok: true, keyName: HOST_TOKEN_KEY_NAME };
      const name = this.api.keys.verify(bearer);
      return name === null ? { ok: false } : { ok: true, keyName: name };
    }
    // Keyless is the user's explicit choice, and only ever for programs on this machine.
    if (!this.settings.get().apiRequireKey && isLoopbackAddress(context.client)) return { ok: true, keyName: null };
    return { ok: false };
  }
}

function corsHeaders(origin: string): Record<string, string> {
  return { 'access-control-allow-origin': origin, vary: 'Origin' };
}

function preflightHeaders(req: IncomingMessage): Record<string, string> {
  return {
    'access-control-allow-methods': 'GET, POST, OPTIONS',
    'access-control-allow-headers': String(req.headers['access-control-request-headers'] ?? 'authorization, content-type').slice(0, 1000),
    'access-control-max-age': '600',
  };
}

/** `127.0.0.1 · OpenAI/JS 6.49.0`: enough to tell programs apart in the log. */
function clientLabel(req: IncomingMessage, address: string): string {
  const agent = String(req.headers['user-agent'] ?? '').slice(0, 60);
  return agent ? `${address} · ${agent}` : address;
}
