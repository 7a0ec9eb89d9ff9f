import { createORPCClient, mapEventIterator } from '@orpc/client';
import { RPCLink as MessagePortLink } from '@orpc/client/message-port';
import { RPCLink as WebSocketLink } from '@orpc/client/websocket';
import type { ContractRouterClient } from '@orpc/contract';
import type { AppContract } from '../../shared/contract';
import { markConnected, reportTransportFailure } from '../state/appStore';
import { isConnectionError } from './errors';
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

interface CallOptions {
  signal?: AbortSignal;
  next: () => Promise<unknown>;
}

/**
 * Whether a failed call says the transport is down. A socket that closes rejects the calls in
 * flight with an AbortError although nobody aborted them, so an abort the caller did not ask for
 * counts too; typed errors are answers, and an abort the caller asked for is no news.
 */
function transportFailed(error: unknown, signal: AbortSignal | undefined): boolean {
  if (signal?.aborted) return false;
  if (isConnectionError(error)) return true;
  return error instanceof Error && error.name === 'AbortError' && typeof (error as { code?: unknown }).code !== 'string';
}

function isAsyncIterable(value: unknown): value is AsyncIterator<unknown, unknown, unknown> & AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

/**
 * Every call's answer is news about the connection, so views never book it themselves: an answer
 * (or a subscription's event) means connected, a transport failure means reconnecting. Event
 * iterators are wrapped, since a subscription fails long after its call returned.
 */
export async function connectionInterceptor({ next, signal }: CallOptions): Promise<unknown> {
  const report = (error: unknown) => {
    if (transportFailed(error, signal)) reportTransportFailure();
  };
  let result: unknown;
  try {
    result = await next();
  } catch (error) {
    report(error);
    throw error;
  }
  markConnected();
  if (!isAsyncIterable(result)) return result;
  return mapEventIterator(result, {
    value: async (value) => {
      markConnected();
      return value;
    },
    error: async (error) => {
      report(error);
      return error;
    },
  });
}

const interceptors = [connectionInterceptor];

export function clientOverPort(port: MessagePort): CaliperClient {
  return createORPCClient<CaliperClient>(new MessagePortLink({ port, interceptors }));
}

/** `websocket`: anything with the WebSocket's addEventListener, send and readyState. */
export function clientOverSocket(websocket: ConstructorParameters<typeof WebSocketLink>[0]['websocket']): CaliperClient {
  return createORPCClient<CaliperClient>(new WebSocketLink({ websocket, interceptors }));
}

/** Inside Electron the preload hands us a MessagePort; in a browser we use the host's WebSocket. */
export async function connectClient(onConnectionChange?: ConnectionListener): Promise<CaliperClient> {
  if (window.caliper) {
    const port = await electronPort(window.caliper);
    onConnectionChange?.(true);
    return clientOverPort(port);
  }
  const websocket = new ReconnectingSocket(rpcUrl());
  if (onConnectionChange) {
    websocket.addEventListener('open', () => onConnectionChange(true));
    websocket.addEventListener('close', () => onConnectionChange(false));
    websocket.addEventListener('retry', () => onConnectionChange(false));
  }
  return clientOverSocket(websocket);
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
