// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { i18n } from '../../platform/i18n';
import { keyLabel, statusColor } from './logLabels';

describe('keyLabel', () => {
  it('names the host token and keyless requests in words, and keys by their name', async () => {
    await i18n.changeLanguage('en');
    const t = i18n.t.bind(i18n);
    expect(keyLabel(t, '@host')).toBe('host token');
    expect(keyLabel(t, null)).toBe('no key');
    expect(keyLabel(t, 'my script')).toBe('my script');
    await i18n.changeLanguage('zh-CN');
    expect(keyLabel(i18n.t.bind(i18n), '@host')).toBe('主机令牌');
    expect(keyLabel(i18n.t.bind(i18n), null)).toBe('无密钥');
  });
});

describe('statusColor', () => {
  it('tells success, refusals, a client that hung up and failures apart', () => {
    expect(statusColor(200)).toBe('green');
    expect(statusColor(401)).toBe('yellow');
    expect(statusColor(404)).toBe('yellow');
    expect(statusColor(499)).toBe('gray');
    expect(statusColor(500)).toBe('red');
    expect(statusColor(503)).toBe('red');
  });
});
