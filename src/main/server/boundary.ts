import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import { isLoopbackAddress } from '../base/netAddress';

/**
 * Which Host and Origin values a request may carry. A page that a DNS-rebinding attacker serves
 * under their own name sends `Host: evil.example:PORT` and a matching Origin, so "Origin equals
 * Host" proves nothing; only names this host was started with are accepted.
 */
export class HostAllowList {
  private readonly hosts: Set<string>;

  /** `bindHost` is what the server listens on; a name given to `--host` is accepted beside loopback. */
  constructor(port: number, bindHost: string) {
    const names = ['127.0.0.1', 'localhost', '[::1]'];
    const bound = bindHost.includes(':') && !bindHost.startsWith('[') ? `[${bindHost}]` : bindHost;
    if (!isWildcard(bindHost)) names.push(bound.toLowerCase());
    this.hosts = new Set(names.flatMap((name) => (port === 80 ? [`${name}:80`, name] : [`${name}:${port}`])));
  }

  /** The Host header names this server. Browsers always send it; so do HTTP/1.1 clients. */
  allowsHost(host: string | undefined): boolean {
    return host !== undefined && this.hosts.has(host.toLowerCase());
  }

  /** An Origin of one of the allowed hosts (the page this server serves). */
  allowsOrigin(origin: string): boolean {
    try {
      const url = new URL(origin);
      return url.protocol === 'http:' && this.hosts.has(url.host.toLowerCase());
    } catch {
      return false;
    }
  }
}

export type OriginVerdict = 'none' | 'same' | 'cors' | 'refused';

/**
 * No Origin: a program (curl, the OpenAI client). An allowed one: this host's own page. One the
 * user listed for CORS: a web app they trust (the API only). Anything else is refused.
 */
export function judgeOrigin(req: IncomingMessage, allow: HostAllowList, corsOrigins: readonly string[] = []): OriginVerdict {
  const origin = req.headers.origin;
  if (origin === undefined) return 'none';
  if (allow.allowsOrigin(origin)) return 'same';
  return corsOrigins.includes(origin) ? 'cors' : 'refused';
}

/** 0.0.0.0 and :: listen everywhere; the Host a client uses then is one of the machine's names. */
function isWildcard(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '[::]';
}

export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '');
  return bare === 'localhost' || (isIP(bare) !== 0 && isLoopbackAddress(bare));
}

/** The peer's address, for per-client limits and the request log. */
export function clientAddress(req: IncomingMessage): string {
  return (req.socket.remoteAddress ?? 'unknown').replace(/^::ffff:/, '');
}
