import { createORPCClient } from '@orpc/client';
import { RPCLink as MessagePortLink } from '@orpc/client/message-port';
import { RPCLink as WebSocketLink } from '@orpc/client/websocket';
import type { ContractRouterClient } from '@orpc/contract';
import type { AppContract } from '../../shared/contract';

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

/**
 * A WebSocket that reopens itself after the host restarts, so a page left open keeps working.
 * oRPC's link only needs addEventListener/send/readyState; calls in flight when the socket drops
 * fail (the caller shows the error) and new calls go over the new socket.
 */
class ReconnectingSocket extends EventTarget {
  private socket!: WebSocket;
  private delay = 250;

  constructor(private readonly url: string) {
    super();
    this.open();
  }

  get readyState(): number {
    return this.socket.readyState;
  }

  send(data: string | ArrayBufferLike | Blob | ArrayBufferView): void {
    if (this.socket.readyState === WebSocket.OPEN) {
      this.socket.send(data);
      return;
    }
    // Queue until open, like a fresh WebSocket would require of its caller.
    const s = this.socket;
    s.addEventListener('open', () => s.send(data), { once: true });
  }

  private open(): void {
    const socket = new WebSocket(this.url);
    socket.binaryType = 'arraybuffer';
    this.socket = socket;
    socket.addEventListener('open', () => {
      this.delay = 250;
      this.dispatchEvent(new Event('open'));
    });
    socket.addEventListener('message', (e) => this.dispatchEvent(new MessageEvent('message', { data: e.data })));
    socket.addEventListener('close', () => {
      this.dispatchEvent(new Event('close'));
      setTimeout(() => this.open(), this.delay);
      this.delay = Math.min(this.delay * 2, 4000);
    });
  }
}
