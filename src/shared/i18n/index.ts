import { en, type Messages } from './en';
import { zhCN } from './zh-CN';
import type { Translator } from './describeError';

export const languages = ['en', 'zh-CN'] as const;
export type Language = (typeof languages)[number];

export const resources: Record<Language, Messages> = { en, 'zh-CN': zhCN };

/** 'system' follows the OS locale: any Chinese locale gets Simplified Chinese, anything else English. */
export function resolveLanguage(setting: 'system' | Language, osLocale: string | undefined): Language {
  if (setting !== 'system') return setting;
  return osLocale?.toLowerCase().replace('_', '-').startsWith('zh') ? 'zh-CN' : 'en';
}

/**
 * A dependency-free lookup for code that has no i18next (the host's terminal messages, the API's
 * error messages). `defaultValue` is used when the key is missing, as i18next does.
 */
export function translate(language: Language, key: string, vars: Record<string, unknown> = {}): string {
  const lookup = (messages: Messages): string | undefined => {
    let node: unknown = messages;
    for (const part of key.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
    return typeof node === 'string' ? node : undefined;
  };
  const fallback = typeof vars.defaultValue === 'string' ? vars.defaultValue : key;
  const template = lookup(resources[language]) ?? lookup(resources.en) ?? fallback;
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(vars[name] ?? ''));
}

/** `translate` bound to a language, in the shape `describeError` takes. */
export function translator(language: Language): Translator {
  return Object.assign((key: string, vars?: Record<string, unknown>) => translate(language, key, vars), { lng: language });
}

export type { Messages, Translator };
export { describeError } from './describeError';
