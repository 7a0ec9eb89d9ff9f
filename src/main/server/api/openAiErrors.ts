import { ORPCError } from '@orpc/server';
import type { ServerResponse } from 'node:http';
import { describeError, translator } from '../../../shared/i18n';

/** An error in OpenAI's shape: `{error: {message, type, param, code}}` with its HTTP status. */
export class OpenAiError extends Error {
  constructor(
    readonly status: number,
    readonly type: 'invalid_request_error' | 'authentication_error' | 'permission_error' | 'not_found_error' | 'server_error',
    readonly code: string,
    message: string,
    readonly param: string | null = null,
  ) {
    super(message);
  }

  body() {
    return { error: { message: this.message, type: this.type, param: this.param, code: this.code } };
  }
}

/** Programs read these messages; the same English sentences the window shows. */
const english = translator('en');

export const invalidRequest = (message: string, param: string | null = null, code = 'invalid_request') =>
  new OpenAiError(400, 'invalid_request_error', code, message, param);

/**
 * Caliper's typed errors in OpenAI's terms. Statuses are chosen so that the official clients'
 * automatic retries (408, 409, 429, 5xx) happen only where trying again can help: a model that
 * will not fit or is not a model answers 4xx, a crashed engine 500.
 */
export function toOpenAiError(error: unknown): OpenAiError {
  if (error instanceof OpenAiError) return error;
  if (!(error instanceof ORPCError)) return new OpenAiError(500, 'server_error', 'internal_error', 'Something went wrong inside Caliper.');
  const message = describeError(english, error);
  switch (error.code) {
    case 'INVALID_INPUT':
      return invalidRequest(message);
    case 'API_MODEL_NOT_FOUND':
    case 'PATH_NOT_IN_LIBRARY':
      return new OpenAiError(404, 'invalid_request_error', 'model_not_found', message, 'model');
    case 'NOT_A_GGUF':
      return new OpenAiError(422, 'invalid_request_error', 'model_not_usable', message, 'model');
    case 'MODEL_WONT_FIT':
      return new OpenAiError(422, 'invalid_request_error', 'model_wont_fit', message, 'model');
    case 'ADAPTER_MISMATCH':
      return new OpenAiError(422, 'invalid_request_error', 'adapter_mismatch', message, 'model');
    case 'ENGINE_REJECTED':
      return invalidRequest(message, null, 'engine_rejected');
    case 'MODEL_NOT_LOADED':
      return new OpenAiError(503, 'server_error', 'model_unloaded', message, 'model');
    case 'MODEL_LOAD_FAILED':
      return new OpenAiError(500, 'server_error', 'model_load_failed', message, 'model');
    case 'ENGINE_CRASHED':
      return new OpenAiError(500, 'server_error', 'engine_crashed', message);
    case 'STORAGE_FAILED':
      return new OpenAiError(500, 'server_error', 'storage_failed', message);
    default:
      return new OpenAiError(500, 'server_error', error.code.toLowerCase(), message);
  }
}

export function sendError(res: ServerResponse, error: OpenAiError, headers: Record<string, string> = {}): void {
  if (res.headersSent) return;
  res.writeHead(error.status, { 'content-type': 'application/json; charset=utf-8', ...headers }).end(JSON.stringify(error.body()));
}
