import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';

export function isLoopbackAddress(address: string): boolean {
  const a = unmapped(address);
  return a === '::1' || /^127\./.test(a);
}

/**
 * Loopback, private (RFC 1918, unique-local), link-local (cloud metadata lives there), CGNAT,
 * unspecified: addresses that reach this machine or its own network rather than the internet.
 */
export function isInternalAddress(address: string): boolean {
  const a = unmapped(address).toLowerCase();
  if (isIP(a) === 4) {
    const [x = 0, y = 0] = a.split('.').map(Number);
    return x === 0 || x === 10 || x === 127 || (x === 100 && y >= 64 && y < 128) || (x === 169 && y === 254) || (x === 172 && y >= 16 && y < 32) || (x === 192 && y === 168);
  }
  if (isIP(a) === 6) return a === '::' || a === '::1' || /^f[cd]/.test(a) || /^fe[89ab]/.test(a);
  return false;
}

/** Every address a host name stands for (an IP literal stands for itself). */
export type ResolveHost = (hostname: string) => Promise<string[]>;

export const resolveHost: ResolveHost = async (hostname) => {
  const bare = hostname.replace(/^\[|\]$/g, '');
  if (isIP(bare)) return [bare];
  if (bare === 'localhost' || bare.endsWith('.localhost')) return ['127.0.0.1'];
  return (await lookup(bare, { all: true })).map((r) => r.address);
};

function unmapped(address: string): string {
  return address.replace(/^\[|\]$/g, '').replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
}

/** The cause's code (ECONNREFUSED, ENOTFOUND, CERT_HAS_EXPIRED…) says more than "fetch failed". */
export function networkDetail(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return (cause?.code ?? cause?.message ?? (error as Error).message ?? String(error)).slice(0, 200);
}
