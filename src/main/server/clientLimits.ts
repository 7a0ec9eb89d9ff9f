import type { Socket } from 'node:net';

/**
 * Caps per client address: open TCP sockets, and WebSocket sessions (each may carry 24 MB
 * frames). One page needs one WebSocket and a handful of sockets; the caps leave room for many
 * tabs and scripts while a runaway or hostile client cannot exhaust the host.
 */
export class ClientLimits {
  private readonly sockets = new Map<string, number>();
  private readonly webSockets = new Map<string, number>();

  constructor(
    private readonly maxSockets = 256,
    private readonly maxWebSockets = 16,
  ) {}

  /** Counts the socket until it closes; false when its client is over the cap. */
  admitSocket(socket: Socket): boolean {
    const client = (socket.remoteAddress ?? 'unknown').replace(/^::ffff:/, '');
    const count = this.sockets.get(client) ?? 0;
    if (count >= this.maxSockets) return false;
    this.sockets.set(client, count + 1);
    socket.once('close', () => decrement(this.sockets, client));
    return true;
  }

  /** A release function for an admitted WebSocket, or null when the client has too many. */
  admitWebSocket(client: string): (() => void) | null {
    const count = this.webSockets.get(client) ?? 0;
    if (count >= this.maxWebSockets) return null;
    this.webSockets.set(client, count + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      decrement(this.webSockets, client);
    };
  }
}

function decrement(map: Map<string, number>, key: string): void {
  const next = (map.get(key) ?? 1) - 1;
  if (next <= 0) map.delete(key);
  else map.set(key, next);
}
