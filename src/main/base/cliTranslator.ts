import { resolveLanguage, translate } from '../../shared/i18n';

/** Messages the host prints on the terminal, in the language of the user's locale. */
export function cliTranslator() {
  const env = process.env;
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || Intl.DateTimeFormat().resolvedOptions().locale;
  const language = resolveLanguage('system', locale);
  return (key: string, vars?: Record<string, string | number>) => translate(language, key, vars);
}
