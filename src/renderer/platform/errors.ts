import type { TFunction } from 'i18next';

interface ErrorLike {
  code?: unknown;
  data?: unknown;
}

/** Turns any error that crossed the contract into a translated sentence; never a stack trace. */
export function describeError(t: TFunction, error: unknown): string {
  const { code, data } = (error ?? {}) as ErrorLike;
  if (typeof code !== 'string') return t('errors.UNKNOWN', { code: (error as Error)?.name ?? '?' });
  const values = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
  if (code === 'INVALID_INPUT' && Array.isArray(values.issues)) {
    const issues = (values.issues as Array<{ path: string; message: string }>)
      .map((i) => (i.path ? `${i.path}: ${i.message}` : i.message))
      .join('; ');
    return t('errors.INVALID_INPUT', { issues });
  }
  if (code === 'STORAGE_FAILED' && typeof values.reason === 'string' && values.reason !== 'OTHER') {
    return t(`errors.STORAGE_FAILED_${values.reason}`);
  }
  const key = `errors.${code}`;
  return t(key, { ...values, code, defaultValue: t('errors.UNKNOWN', { code }) });
}

/**
 * True for failures of the transport itself (socket closed, peer gone) rather than an answer from
 * Caliper: those carry no typed code. Aborts we caused ourselves are not connection errors.
 */
export function isConnectionError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  if (typeof (error as ErrorLike).code === 'string') return false;
  return (error as Error).name !== 'AbortError';
}

/** Like `describeError`, but a dropped connection reads as "reconnecting" instead of "unknown". */
export function describeCallError(t: TFunction, error: unknown): string {
  return isConnectionError(error) ? t('errors.DISCONNECTED') : describeError(t, error);
}
