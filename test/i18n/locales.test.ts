import { describe, expect, it } from 'vitest';
import { resolveLanguage, resources, translate } from '../../src/shared/i18n';

function flatten(node: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const placeholders = (s: string) => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe('locales', () => {
  const en = flatten(resources.en);
  const zh = flatten(resources['zh-CN']);

  it('Simplified Chinese has every English key, none empty, none left in English', () => {
    expect([...zh.keys()].sort()).toEqual([...en.keys()].sort());
    for (const [key, value] of zh) {
      expect(value.trim(), key).not.toBe('');
      // A string without any CJK character is a copy of the English unless it is a short name or
      // unit (Caliper, GGUF, MoE, tok/s).
      const text = value.replace(/\{\{\s*\w+\s*\}\}/g, '').trim();
      const translated = /[\u3400-\u9fff]/.test(text) || (text.length <= 16 && !/\s\w+\s\w+\s/.test(text));
      expect(translated, `${key}: ${value}`).toBe(true);
    }
  });

  it('keeps the same interpolation placeholders in both languages', () => {
    for (const [key, value] of en) expect(placeholders(zh.get(key) ?? ''), key).toEqual(placeholders(value));
  });

  it('follows the OS locale for "system" and honours an explicit choice', () => {
    expect(resolveLanguage('system', 'zh_CN.UTF-8')).toBe('zh-CN');
    expect(resolveLanguage('system', 'zh-TW')).toBe('zh-CN');
    expect(resolveLanguage('system', 'de-DE')).toBe('en');
    expect(resolveLanguage('system', undefined)).toBe('en');
    expect(resolveLanguage('en', 'zh-CN')).toBe('en');
  });

  it('translates with interpolation and falls back to English, then to the key', () => {
    expect(translate('zh-CN', 'cli.portInUse', { port: 80 })).toContain('端口 80');
    expect(translate('en', 'cli.portInUse', { port: 80 })).toContain('Port 80');
    expect(translate('zh-CN', 'no.such.key')).toBe('no.such.key');
  });
});
