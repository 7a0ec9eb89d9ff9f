import { createORPCClient } from '@orpc/client';
import { RPCLink } from '@orpc/client/websocket';
import type { ContractRouterClient } from '@orpc/contract';
import { WebSocket } from 'ws';
import type { App } from '../../src/main/composition';
import { OpenAiRoutes } from '../../src/main/server/api/openAiRoutes';
import { HostSecret } from '../../src/main/server/hostSecret';
import { startHttpHost, type RunningServer } from '../../src/main/server/httpHost';
import type { AppContract } from '../../src/shared/contract';

export interface TestHost {
  server: RunningServer;
  port: number;
  token: string;
  /** `http://127.0.0.1:PORT/v1` */
  apiBase: string;
  wsUrl: string;
  /** A contract client over the WebSocket, signed in with the bearer token as scripts do. */
  connect(): Promise<ContractRouterClient<AppContract>>;
  close(): Promise<void>;
}

/** The headless host's HTTP side (page, `/rpc`, `/v1`) in front of an app, as `npm run serve` builds it. */
export async function startTestHost(app: App, options: { rendererDir?: string; host?: string; token?: string } = {}): Promise<TestHost> {
  const secret = options.token ? new HostSecret(options.token) : HostSecret.generate();
  const server = await startHttpHost({
    page: { router: app.router, rendererDir: options.rendererDir ?? '/nonexistent', secret },
    api: new OpenAiRoutes(app.services.api, app.services.settings),
    corsOrigins: () => app.services.settings.get().apiCorsOrigins,
    host: options.host ?? '127.0.0.1',
    port: 0,
  });
  app.services.api.setStatus({ serving: true, baseUrl: `${server.url}v1`, hostTokenAccepted: true });
  const wsUrl = `ws://127.0.0.1:${server.port}/rpc`;
  const sockets: WebSocket[] = [];
  return {
    server,
    port: server.port,
    token: secret.token,
    apiBase: `http://127.0.0.1:${server.port}/v1`,
    wsUrl,
    async connect() {
      const ws = new WebSocket(wsUrl, { headers: { authorization: `Bearer ${secret.token}` } });
      sockets.push(ws);
      await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
      return createORPCClient<ContractRouterClient<AppContract>>(new RPCLink({ websocket: ws as unknown as globalThis.WebSocket }));
    },
    async close() {
      for (const ws of sockets) ws.close();
      await server.close();
    },
  };
}
