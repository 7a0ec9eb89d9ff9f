import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import {
  formatBytes,
  formatDateTime,
  formatDuration,
  formatInteger,
  formatMemory,
  formatParameters,
  formatTime,
  formatTokenRate,
  formatWhen,
} from '../../shared/format';

/** The formatters bound to the current UI language. */
export function useFormat() {
  const { i18n } = useTranslation();
  const locale = i18n.language;
  return useMemo(
    () => ({
      locale,
      bytes: (n: number) => formatBytes(n, locale),
      memory: (n: number) => formatMemory(n, locale),
      parameters: (n: number) => formatParameters(n, locale),
      integer: (n: number) => formatInteger(n, locale),
      dateTime: (ms: number) => formatDateTime(ms, locale),
      time: (ms: number) => formatTime(ms, locale),
      duration: (ms: number) => formatDuration(ms, locale),
      tokenRate: (perSecond: number) => formatTokenRate(perSecond, locale),
      when: (ms: number) => formatWhen(ms, locale),
    }),
    [locale],
  );
}
