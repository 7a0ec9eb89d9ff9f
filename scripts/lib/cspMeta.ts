/**
 * The page's CSP as a `<meta>` element too, so it holds wherever the built index.html is opened,
 * even without the header that the headless host and the app:// protocol send. A meta policy
 * cannot carry `frame-ancestors` (browsers ignore it there and warn), so that one stays header-only.
 */
export function cspMetaTag(policy: string): string {
  const directives = policy
    .split(';')
    .map((d) => d.trim())
    .filter((d) => d && !d.startsWith('frame-ancestors'));
  return `<meta http-equiv="Content-Security-Policy" content="${directives.join('; ').replace(/"/g, '&quot;')}" />`;
}

/** Puts the meta element first in <head>, before anything it must govern. */
export function injectCspMeta(html: string, policy: string): string {
  if (!/<head>/i.test(html)) throw new Error('index.html has no <head> to put the CSP in');
  return html.replace(/<head>/i, (head) => `${head}\n    ${cspMetaTag(policy)}`);
}
