import { onError } from '@orpc/server';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { mapValidationError } from '../base/appError';
import type { AppRouter } from '../router';
import { clientAddress, HostAllowList, judgeOrigin } from './boundary';
import { ClientLimits } from './clientLimits';
import { LoginThrottle, type HostSecret } from './hostSecret';
import { readJsonBody } from './httpBody';
import { RpcSocketHandler } from './rpcSocket';
import { serveStatic } from './staticFiles';

/** What serves `/v1`: the OpenAI-compatible API (server/api). */
export interface ApiRoutes {
  handle(req: IncomingMessage, res: ServerResponse, context: ApiRequestContext): Promise<void>;
}

export interface ApiRequestContext {
  client: string;
  /** Where the request came from: none (a program), this host's own page, or a CORS origin. */
  origin: 'none' | 'same' | 'cors';
  /** The headless host's secret, accepted as an API key too; absent on the desktop app's port. */
  secret: HostSecret | null;
  corsOrigins: readonly string[];
}

export interface HttpHostOptions {
  host: string;
  port: number;
  /** The browser page and its contract (the headless host); absent on the desktop app's API port. */
  page?: { router: AppRouter; rendererDir: string; secret: HostSecret };
  api: ApiRoutes;
  /** Origins the user allowed to call the API from a browser (Settings → Local API). */
  corsOrigins?: () => readonly string[];
}

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Largest RPC frame accepted: room for an imported conversation (20 MB of text), no more. */
const MAX_FRAME_BYTES = 24 * 1024 * 1024;

/**
 * The one network boundary of both shells. Every request and upgrade passes, in order: the Host
 * allow-list (DNS rebinding), the Origin check, per-client connection caps, then the secret
 * (the page's cookie or a bearer token) before `/rpc` or `/v1` is reached.
 */
export async function startHttpHost(options: HttpHostOptions): Promise<RunningServer> {
  const page = options.page;
  let badFrames = 0;
  const rpc = page
    ? new RpcSocketHandler(page.router, { clientInterceptors: [onError(mapValidationError)] }, (reason) => {
        // Counted, not traced: a client sending garbage must not fill the log (first few only).
        if (++badFrames <= 3) console.warn(`Dropped a malformed RPC frame (${reason}).`);
      })
    : null;
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  const limits = new ClientLimits();
  const throttle = new LoginThrottle();
  let allow: HostAllowList | null = null;
  const corsOrigins = () => options.corsOrigins?.() ?? [];

  const server: Server = createServer((req, res) => {
    handleRequest(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  // Keep-alive sockets of a closed page must not pile up against the per-client cap.
  server.keepAliveTimeout = 5_000;
  server.on('connection', (socket: Socket) => {
    if (!limits.admitSocket(socket)) socket.destroy();
  });

  async function handleRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!allow?.allowsHost(req.headers.host)) return refuse(res, 403, 'This address is not served here.');
    const url = new URL(req.url ?? '/', 'http://localhost');
    const client = clientAddress(req);

    if (url.pathname === '/v1' || url.pathname.startsWith('/v1/')) {
      const origin = judgeOrigin(req, allow, corsOrigins());
      if (origin === 'refused') return refuse(res, 403, 'Cross-origin requests are not allowed.');
      return options.api.handle(req, res, { client, origin, secret: page?.secret ?? null, corsOrigins: corsOrigins() });
    }
    if (!page) return refuse(res, 404, 'Not found.');
    if (judgeOrigin(req, allow) === 'refused') return refuse(res, 403, 'Cross-origin requests are not allowed.');

    if (url.pathname === '/auth/session' && req.method === 'GET') {
      return sendJson(res, 200, { authenticated: page.secret.authorizes(req) });
    }
    if (url.pathname === '/auth/login' && req.method === 'POST') {
      if (throttle.blocked(client)) return sendJson(res, 429, { authenticated: false });
      const body = (await readJsonBody(req, 4096).catch(() => null)) as { token?: unknown } | null;
      if (typeof body?.token !== 'string' || !page.secret.matchesToken(body.token)) {
        throttle.fail(client);
        return sendJson(res, 401, { authenticated: false });
      }
      throttle.succeed(client);
      res.setHeader('set-cookie', page.secret.sessionCookie());
      return sendJson(res, 200, { authenticated: true });
    }
    // The printed URL carries the secret once: trade it for the cookie and drop it from the address bar.
    const token = url.searchParams.get('token');
    if (token !== null && req.method === 'GET') {
      url.searchParams.delete('token');
      const location = url.pathname + (url.search || '');
      if (!throttle.blocked(client) && page.secret.matchesToken(token)) {
        throttle.succeed(client);
        res.setHeader('set-cookie', page.secret.sessionCookie());
      } else {
        throttle.fail(client);
      }
      res.writeHead(303, { location, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' }).end();
      return;
    }
    await serveStatic(page.rendererDir, req, res);
  }

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!rpc || !page || !allow?.allowsHost(req.headers.host) || url.pathname !== '/rpc') return rejectUpgrade(socket, 403);
    const origin = judgeOrigin(req, allow);
    if (origin === 'refused') return rejectUpgrade(socket, 403);
    if (!page.secret.authorizes(req)) return rejectUpgrade(socket, 401);
    const release = limits.admitWebSocket(clientAddress(req));
    if (!release) return rejectUpgrade(socket, 429);
    wss.handleUpgrade(req, socket, head, (ws) => {
      ws.once('close', release);
      // A protocol error (oversized frame, bad opcode) closes this socket; unhandled, it would
      // be thrown as an 'error' event and take the whole host down.
      ws.on('error', () => ws.terminate());
      rpc.upgrade(ws);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });

  const port = (server.address() as AddressInfo).port;
  allow = new HostAllowList(port, options.host);
  const hostForUrl = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${hostForUrl}:${port}/`,
    port,
    async close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function refuse(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }).end(text);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }).end(JSON.stringify(body));
}

const statusText: Record<number, string> = { 401: 'Unauthorized', 403: 'Forbidden', 429: 'Too Many Requests' };

function rejectUpgrade(socket: Duplex, status: 401 | 403 | 429): void {
  socket.end(`HTTP/1.1 ${status} ${statusText[status]}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
