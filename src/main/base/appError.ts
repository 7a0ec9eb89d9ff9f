import { ORPCError, ValidationError } from '@orpc/server';
import { type z } from 'zod';
import { appErrors, type AppErrorCode, type StoredError } from '../../shared/contract';

type ErrorData<C extends AppErrorCode> = z.infer<(typeof appErrors)[C]['data']>;

/** A typed error the renderer can translate: a code from the contract and its data. */
export function appError<C extends AppErrorCode>(code: C, data: ErrorData<C>): ORPCError<C, ErrorData<C>> {
  return new ORPCError(code, { message: appErrors[code].message, data });
}

/**
 * oRPC reports a failed input schema as BAD_REQUEST with the issues only in `cause`; re-throw it
 * as INVALID_INPUT with the field paths, so the UI can say which value was wrong.
 * Every transport and the in-memory client install it with `onError(mapValidationError)`.
 */
export function mapValidationError(error: unknown): void {
  if (error instanceof ORPCError && error.code === 'BAD_REQUEST' && error.cause instanceof ValidationError) {
    throw appError('INVALID_INPUT', {
      issues: error.cause.issues.slice(0, 20).map((issue) => ({
        path: (issue.path ?? [])
          .map((p) => (typeof p === 'object' && p !== null && 'key' in p ? String(p.key) : String(p)))
          .join('.'),
        message: issue.message.slice(0, 300),
      })),
    });
  }
}

/**
 * Any failure as it is kept with an answer, a pane's result or a suite cell: its code, a short
 * detail, and its scalar data (so the window can still say "the server at X refused the key").
 */
export function storedError(error: unknown): StoredError {
  const e = error as { code?: unknown; message?: unknown; data?: unknown };
  const code = typeof e?.code === 'string' ? e.code : 'INTERNAL_SERVER_ERROR';
  const data: NonNullable<StoredError['data']> = {};
  if (e?.data && typeof e.data === 'object') {
    for (const [key, value] of Object.entries(e.data)) {
      if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) {
        data[key] = typeof value === 'string' ? value.slice(0, 500) : (value as number | boolean | null);
      }
    }
  }
  const detail = typeof data.detail === 'string' ? data.detail : String(e?.message ?? error);
  return { code, detail: detail.slice(0, 500), ...(Object.keys(data).length ? { data } : {}) };
}
