import { createORPCClient } from '@orpc/client';
import { RPCLink } from '@orpc/client/websocket';
import type { ContractRouterClient } from '@orpc/contract';
import { WebSocket } from 'ws';
import type { AppContract } from '../../src/shared/contract';
import type { Host } from './host';

export type RpcClient = ContractRouterClient<AppContract>;

/**
 * The contract over the built host's WebSocket, signed in with the bearer token as scripts do:
 * for setting up state (loaded models, settings) that the test is not about.
 */
export async function connectRpc(host: Host): Promise<{ client: RpcClient; close(): void }> {
  const ws = new WebSocket(`ws://127.0.0.1:${host.port}/rpc`, { headers: { authorization: `Bearer ${host.token}` } });
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  const client = createORPCClient<RpcClient>(new RPCLink({ websocket: ws as unknown as globalThis.WebSocket }));
  return { client, close: () => ws.close() };
}

/** Loads a model in its own engine process and waits until it is loaded. */
export async function loadModel(client: RpcClient, path: string): Promise<void> {
  for await (const event of await client.engine.load({ path, settings: { contextSize: 512 } })) {
    if (event.type === 'loaded') return;
  }
}
