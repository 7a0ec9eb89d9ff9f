import { onError } from '@orpc/server';
import { RPCHandler } from '@orpc/server/ws';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { mapValidationError } from '../base/appError';
import type { AppRouter } from '../router';
import { serveStatic } from './staticFiles';

export interface HeadlessServerOptions {
  router: AppRouter;
  rendererDir: string;
  host: string;
  port: number;
}

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Largest RPC frame accepted: room for an imported conversation (20 MB of text), no more. */
const MAX_FRAME_BYTES = 24 * 1024 * 1024;

/** HTTP for the renderer and WebSocket `/rpc` for the contract, on one port. */
export async function startHeadlessServer(options: HeadlessServerOptions): Promise<RunningServer> {
  const handler = new RPCHandler(options.router, { clientInterceptors: [onError(mapValidationError)] });
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  const server: Server = createServer((req, res) => {
    serveStatic(options.rendererDir, req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    // Only pages served by this host may call it: a web page elsewhere in the user's browser must
    // not reach the local API (cross-site WebSocket hijacking, DNS rebinding).
    if (url.pathname !== '/rpc' || !isSameOrigin(req.headers.origin, req.headers.host)) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      // A protocol error (oversized frame, bad opcode) closes this socket; unhandled, it would
      // be thrown as an 'error' event and take the whole host down.
      ws.on('error', () => ws.terminate());
      void handler.upgrade(ws, { context: {} });
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

function isSameOrigin(origin: string | undefined, host: string | undefined): boolean {
  // Non-browser clients (tests, scripts) send no Origin; browsers always do on WebSocket upgrades.
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
