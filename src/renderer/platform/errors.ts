import type { TFunction } from 'i18next';
import type { StoredError } from '../../shared/contract';
import {
  describeBuildRequirements as describeRequirementsWith,
  describeError as describeWith,
  type Translator,
} from '../../shared/i18n/describeError';

interface ErrorLike {
  code?: unknown;
}

/** Turns any error that crossed the contract into a translated sentence; never a stack trace. */
export function describeError(t: TFunction, error: unknown): string {
  return describeWith(t as unknown as Translator, error);
}

/** What an engine build lacks, translated and listed as the language lists things. */
export function describeBuildRequirements(t: TFunction, missing: readonly string[]): string {
  return describeRequirementsWith(t as unknown as Translator, missing);
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

/**
 * A stored failure (`{code, detail, data}` on an answer, a pane's result or a loaded model) as a
 * sentence: the translated code with its values, then the technical detail when it adds something.
 */
export function storedErrorText(t: TFunction, error: StoredError | null): string {
  if (!error) return t('errors.UNKNOWN', { code: '?' });
  const sentence = describeError(t, { code: error.code, data: { ...error.data, detail: error.detail } });
  return error.detail && !sentence.includes(error.detail) ? `${sentence} (${error.detail})` : sentence;
}
