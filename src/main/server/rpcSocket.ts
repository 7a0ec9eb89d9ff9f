import type { AnyRouter } from '@orpc/server';
import { StandardRPCHandler } from '@orpc/server/standard';
import { createServerPeerHandleRequestFn } from '@orpc/server/standard-peer';
import { ServerPeer } from '@orpc/standard-server-peer';
import type { WebSocket } from 'ws';

/**
 * Serves the contract on one WebSocket, as oRPC's `ws` adapter does, except for frames that do not
 * decode: those come from outside and are dropped with a one-line note instead of a stack trace in
 * the host's log (oRPC's adapter prints the whole error). Each answer still goes to its caller.
 */
export class RpcSocketHandler {
  private readonly standard: StandardRPCHandler<Record<never, never>>;

  constructor(
    router: AnyRouter,
    options: ConstructorParameters<typeof StandardRPCHandler<Record<never, never>>>[1],
    private readonly onBadFrame: (reason: string) => void,
  ) {
    this.standard = new StandardRPCHandler(router, options);
  }

  upgrade(ws: WebSocket): void {
    const peer = new ServerPeer(ws.send.bind(ws));
    const handle = createServerPeerHandleRequestFn(this.standard, { context: {} });
    ws.on('message', (data, isBinary) => {
      const message = isBinary ? toBytes(data) : data.toString();
      peer.message(message, handle).catch((error: unknown) => this.onBadFrame(error instanceof Error ? error.name : typeof error));
    });
    ws.on('close', () => peer.close());
  }
}

function toBytes(data: Buffer | ArrayBuffer | Buffer[]): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  return data instanceof ArrayBuffer ? new Uint8Array(data) : data;
}
