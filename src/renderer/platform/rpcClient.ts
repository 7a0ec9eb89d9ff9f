import { createORPCClient } from '@orpc/client';
import { RPCLink as MessagePortLink } from '@orpc/client/message-port';
import { RPCLink as WebSocketLink } from '@orpc/client/websocket';
import type { ContractRouterClient } from '@orpc/contract';
import type { AppContract } from '../../shared/contract';
import { ReconnectingSocket } from './reconnectingSocket';

export type CaliperClient = ContractRouterClient<AppContract>;

interface CaliperBridge {
  connect(): void;
}

declare global {
  interface Window {
    caliper?: CaliperBridge;
  }
}

/** Told `true` when the transport is open and `false` when it dropped (and is being reopened). */
export type ConnectionListener = (open: boolean) => void;

/** Inside Electron the preload hands us a MessagePort; in a browser we use the host's WebSocket. */
export async function connectClient(onConnectionChange?: ConnectionListener): Promise<CaliperClient> {
  if (window.caliper) {
    const port = await electronPort(window.caliper);
    onConnectionChange?.(true);
    return createORPCClient<CaliperClient>(new MessagePortLink({ port }));
  }
  const websocket = new ReconnectingSocket(rpcUrl());
  if (onConnectionChange) {
    websocket.addEventListener('open', () => onConnectionChange(true));
    websocket.addEventListener('close', () => onConnectionChange(false));
    websocket.addEventListener('retry', () => onConnectionChange(false));
  }
  return createORPCClient<CaliperClient>(new WebSocketLink({ websocket }));
}

function rpcUrl(): string {
  const url = new URL('/rpc', window.location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.href;
}

function electronPort(bridge: CaliperBridge): Promise<MessagePort> {
  return new Promise((resolve) => {
    const onMessage = (event: MessageEvent) => {
      if (event.source !== window || event.data !== 'caliper:port' || !event.ports[0]) return;
      window.removeEventListener('message', onMessage);
      const port = event.ports[0];
      port.start();
      resolve(port);
    };
    window.addEventListener('message', onMessage);
    bridge.connect();
  });
}
