import { en, type Messages } from './en';
import { zhCN } from './zh-CN';

export const languages = ['en', 'zh-CN'] as const;
export type Language = (typeof languages)[number];

export const resources: Record<Language, Messages> = { en, 'zh-CN': zhCN };

/** 'system' follows the OS locale: any Chinese locale gets Simplified Chinese, anything else English. */
export function resolveLanguage(setting: 'system' | Language, osLocale: string | undefined): Language {
  if (setting !== 'system') return setting;
  return osLocale?.toLowerCase().replace('_', '-').startsWith('zh') ? 'zh-CN' : 'en';
}

/** A dependency-free lookup for code that has no i18next (the host's terminal messages). */
export function translate(language: Language, key: string, vars: Record<string, string | number> = {}): string {
  const lookup = (messages: Messages): string | undefined => {
    let node: unknown = messages;
    for (const part of key.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
    return typeof node === 'string' ? node : undefined;
  };
  const template = lookup(resources[language]) ?? lookup(resources.en) ?? key;
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => String(vars[name] ?? ''));
}

export type { Messages };
