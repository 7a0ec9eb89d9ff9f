import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const COOKIE = 'caliper_session';
const COOKIE_MAX_AGE_S = 30 * 24 * 3600;

/**
 * The headless host's secret. It is printed once in the URL (as Jupyter does); the page trades it
 * for an HttpOnly, SameSite=Strict cookie, and programs send it as a bearer token. The cookie holds
 * a value derived from the secret, so the secret itself never sits in the browser's cookie jar.
 */
export class HostSecret {
  private readonly sessionValue: Buffer;

  constructor(readonly token: string) {
    this.sessionValue = Buffer.from(createHmac('sha256', token).update('caliper-session-v1').digest('base64url'));
  }

  static generate(): HostSecret {
    return new HostSecret(randomBytes(24).toString('base64url'));
  }

  matchesToken(candidate: string | null | undefined): boolean {
    return candidate != null && safeEqual(Buffer.from(candidate), Buffer.from(this.token));
  }

  /** The page's cookie or the token as a bearer: either proves the caller was given the secret. */
  authorizes(req: IncomingMessage): boolean {
    const cookie = cookieValue(req, COOKIE);
    if (cookie !== null && safeEqual(Buffer.from(cookie), this.sessionValue)) return true;
    return this.matchesToken(bearerToken(req));
  }

  sessionCookie(): string {
    return `${COOKIE}=${this.sessionValue.toString()}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${COOKIE_MAX_AGE_S}`;
  }
}

export function bearerToken(req: IncomingMessage): string | null {
  const header = req.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match?.[1] ?? null;
}

function cookieValue(req: IncomingMessage, name: string): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

function safeEqual(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Failed logins per client in a sliding minute: a user-chosen `--token` may be short, so guessing
 * must be slow. A success clears the client's count.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly maxFailures = 10,
    private readonly windowMs = 60_000,
  ) {}

  blocked(client: string, now = Date.now()): boolean {
    const recent = (this.failures.get(client) ?? []).filter((t) => now - t < this.windowMs);
    if (recent.length === 0) this.failures.delete(client);
    else this.failures.set(client, recent);
    return recent.length >= this.maxFailures;
  }

  fail(client: string, now = Date.now()): void {
    this.failures.set(client, [...(this.failures.get(client) ?? []), now]);
  }

  succeed(client: string): void {
    this.failures.delete(client);
  }
}
