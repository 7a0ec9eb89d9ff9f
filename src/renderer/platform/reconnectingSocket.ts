import { Backoff } from '../../shared/backoff';

type Frame = string | ArrayBufferLike | Blob | ArrayBufferView;

/**
 * A WebSocket that reopens itself after the host restarts, so a page left open keeps working.
 * oRPC's link needs only addEventListener, send and readyState.
 *
 * Between two sockets it reads CONNECTING, never CLOSED: the link then waits for the next `open`
 * and a call made while the socket reopens goes out on the new socket (a CLOSED state made the
 * link throw, and a frame queued on the dead socket was never sent). `close` is announced once per
 * socket that was open, which fails the calls in flight on it: their answers went with it, and the
 * renderer reads that as "disconnected". A try that never opened is announced as `retry` instead,
 * so the page can look again at why (a host restarted with a new token wants a new sign-in)
 * without failing the calls waiting for the next socket.
 */
export class ReconnectingSocket extends EventTarget {
  private socket!: WebSocket;
  private readonly reopen = new Backoff({ baseMs: 250, maxMs: 4000 });
  /** Frames handed to `send` while no socket was open, sent in order once one is. */
  private readonly queued: Frame[] = [];

  constructor(private readonly url: string) {
    super();
    this.open();
  }

  get readyState(): number {
    return this.socket.readyState === WebSocket.OPEN ? WebSocket.OPEN : WebSocket.CONNECTING;
  }

  send(data: Frame): void {
    if (this.socket.readyState === WebSocket.OPEN) this.socket.send(data);
    else this.queued.push(data);
  }

  private open(): void {
    const socket = new WebSocket(this.url);
    socket.binaryType = 'arraybuffer';
    this.socket = socket;
    let opened = false;
    socket.addEventListener('open', () => {
      opened = true;
      this.reopen.reset();
      for (const frame of this.queued.splice(0)) socket.send(frame);
      this.dispatchEvent(new Event('open'));
    });
    socket.addEventListener('message', (e) => this.dispatchEvent(new MessageEvent('message', { data: e.data })));
    socket.addEventListener('close', () => {
      this.dispatchEvent(new Event(opened ? 'close' : 'retry'));
      setTimeout(() => this.open(), this.reopen.next());
    });
  }
}
