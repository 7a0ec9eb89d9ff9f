import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cspMetaTag, injectCspMeta } from '../../scripts/lib/cspMeta';
import { contentSecurityPolicy } from '../../src/main/server/staticFiles';

describe('the CSP in the page itself', () => {
  it('carries the header policy minus frame-ancestors, first in <head>', () => {
    const html = injectCspMeta(readFileSync('src/renderer/index.html', 'utf8'), contentSecurityPolicy());
    const head = html.slice(html.indexOf('<head>'), html.indexOf('</head>'));
    const first = head.split('\n')[1]!.trim();
    expect(first.startsWith('<meta http-equiv="Content-Security-Policy"')).toBe(true);
    const content = /content="([^"]*)"/.exec(first)![1]!;
    expect(content).toContain("script-src 'self'");
    expect(content).toContain("object-src 'none'");
    expect(content).not.toContain('frame-ancestors');
    expect(content.split('; ').length).toBe(contentSecurityPolicy().split('; ').length - 1);
  });

  it('cannot be broken out of by a quote in a policy', () => {
    expect(cspMetaTag(`default-src 'self'; img-src "x" data:`)).toBe(
      '<meta http-equiv="Content-Security-Policy" content="default-src \'self\'; img-src &quot;x&quot; data:" />',
    );
    expect(() => injectCspMeta('<html><body></body></html>', "default-src 'none'")).toThrow(/no <head>/);
  });
});
