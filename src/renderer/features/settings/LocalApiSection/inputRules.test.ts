import { describe, expect, it } from 'vitest';
import { isValidKeyName, normalizeOrigin, wholeNumberIn } from './inputRules';

describe('normalizeOrigin', () => {
  it('keeps origins, dropping the trailing slash a browser shows', () => {
    expect(normalizeOrigin(' http://localhost:3000 ')).toBe('http://localhost:3000');
    expect(normalizeOrigin('http://localhost:3000/')).toBe('http://localhost:3000');
    expect(normalizeOrigin('https://example.com')).toBe('https://example.com');
  });

  it('refuses what is not a bare http(s) origin', () => {
    for (const bad of ['localhost:3000', 'http://localhost:3000/app', 'ftp://x.org', 'http://a.org?x=1', '', '*']) {
      expect(normalizeOrigin(bad), bad).toBeNull();
    }
  });
});

describe('isValidKeyName', () => {
  it('takes 1–80 characters that do not start with @', () => {
    expect(isValidKeyName('my editor')).toBe(true);
    expect(isValidKeyName('  spaced  ')).toBe(true);
    expect(isValidKeyName('   ')).toBe(false);
    expect(isValidKeyName('@host')).toBe(false);
    expect(isValidKeyName('x'.repeat(81))).toBe(false);
  });
});

describe('wholeNumberIn', () => {
  it('reads a NumberInput value within bounds', () => {
    expect(wholeNumberIn(4751, 1024, 65535)).toBe(4751);
    expect(wholeNumberIn('8080', 1024, 65535)).toBe(8080);
    expect(wholeNumberIn(0, 0, 1440)).toBe(0);
    for (const bad of ['', 80, 70000, 1.5, 'abc']) expect(wholeNumberIn(bad, 1024, 65535), String(bad)).toBeNull();
  });
});
