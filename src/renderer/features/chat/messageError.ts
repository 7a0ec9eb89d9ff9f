import type { TFunction } from 'i18next';
import { describeError } from '../../platform/errors';

/**
 * A stored error (`{code, detail}` on a message or a loaded model) as a sentence: the translated
 * code, then the untranslated technical detail when the sentence does not already carry it.
 */
export function messageErrorText(t: TFunction, error: { code: string; detail: string } | null): string {
  if (!error) return t('errors.UNKNOWN', { code: '?' });
  const sentence = describeError(t, { code: error.code, data: { detail: error.detail } });
  return error.detail && !sentence.includes(error.detail) ? `${sentence} (${error.detail})` : sentence;
}
