import { describe, expect, it } from 'vitest';
import { resources } from '../shared/i18n';

/** Every renderer source file, as text (Vite reads them; no Node APIs in renderer code). */
const sources = import.meta.glob<string>(['./**/*.{ts,tsx}', '!./**/*.test.{ts,tsx}'], {
  query: '?raw',
  import: 'default',
  eager: true,
});

function has(messages: unknown, key: string): boolean {
  let node = messages;
  for (const part of key.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
  return typeof node === 'string';
}

describe('renderer translation keys', () => {
  const literalKeys = new Set<string>();
  for (const text of Object.values(sources)) {
    for (const match of text.matchAll(/\bt\(\s*'([a-zA-Z][\w.-]*)'/g)) literalKeys.add(match[1]!);
  }

  it('finds the source files', () => {
    expect(Object.keys(sources).length).toBeGreaterThan(20);
    expect(literalKeys.size).toBeGreaterThan(50);
  });

  it.each(['en', 'zh-CN'] as const)('every literal t() key exists in %s', (language) => {
    // Plural keys are stored as key_one / key_other.
    const missing = [...literalKeys].filter((key) => !has(resources[language], key) && !has(resources[language], `${key}_other`));
    expect(missing).toEqual([]);
  });
});
