import { ORPCError, os } from '@orpc/server';
import { RPCHandler } from '@orpc/server/websocket';
import { beforeEach, describe, expect, it } from 'vitest';
import { useAppStore } from '../state/appStore';
import { clientOverSocket } from './rpcClient';

/** One end of an in-memory socket: what one end sends, the other receives; closing closes both. */
class FakeSocket extends EventTarget {
  readyState = 1;
  other!: FakeSocket;
  send(data: unknown): void {
    if (this.readyState !== 1) throw new Error('closed');
    queueMicrotask(() => this.other.dispatchEvent(new MessageEvent('message', { data })));
  }
  close(): void {
    for (const end of [this, this.other]) {
      end.readyState = 3;
      end.dispatchEvent(new Event('close'));
    }
  }
}

const never = () => new Promise<never>(() => {});

/** A few procedures with the contract's paths: answers, a typed error, a call that hangs, a stream. */
const router = {
  system: { info: os.handler(() => ({ answered: true })) },
  library: { inspect: os.handler(() => Promise.reject(new ORPCError('FILE_NOT_FOUND', { data: { path: '/x' } }))) },
  hub: { status: os.handler(never) },
  settings: {
    onDidChange: os.handler(async function* () {
      yield { first: true };
      await never();
    }),
  },
};

function connect() {
  const client = new FakeSocket();
  const server = new FakeSocket();
  client.other = server;
  server.other = client;
  new RPCHandler(router).upgrade(server);
  return { socket: client, caliper: clientOverSocket(client) };
}

const connection = () => useAppStore.getState().connection;

describe('the connection interceptor', () => {
  beforeEach(() => useAppStore.setState({ connection: 'connected' }));

  it('marks the connection healthy when a call answers', async () => {
    useAppStore.setState({ connection: 'reconnecting' });
    const { caliper } = connect();
    await caliper.system.info();
    expect(connection()).toBe('connected');
  });

  it('reports a call that fails because the transport went away', async () => {
    const { socket, caliper } = connect();
    const call = caliper.hub.status();
    await new Promise((resolve) => setTimeout(resolve, 10));
    socket.close();
    await expect(call).rejects.toThrow();
    expect(connection()).toBe('reconnecting');
  });

  it('reports a call that cannot be sent', async () => {
    const { socket, caliper } = connect();
    socket.close();
    await expect(caliper.system.info()).rejects.toThrow();
    expect(connection()).toBe('reconnecting');
  });

  it('leaves the connection alone for a typed error: the host answered', async () => {
    const { caliper } = connect();
    await expect(caliper.library.inspect({ path: '/x' })).rejects.toMatchObject({ code: 'FILE_NOT_FOUND' });
    expect(connection()).toBe('connected');
  });

  it('leaves the connection alone when the caller aborted', async () => {
    const { caliper } = connect();
    const controller = new AbortController();
    const call = caliper.hub.status(undefined, { signal: controller.signal });
    controller.abort();
    await expect(call).rejects.toThrow();
    expect(connection()).toBe('connected');
  });

  it('follows a subscription: an event marks connected, a drop mid-stream reports it', async () => {
    useAppStore.setState({ connection: 'reconnecting' });
    const { socket, caliper } = connect();
    const events = await caliper.settings.onDidChange();
    useAppStore.setState({ connection: 'reconnecting' });
    const iterator = events[Symbol.asyncIterator]();
    await expect(iterator.next()).resolves.toMatchObject({ done: false, value: { first: true } });
    expect(connection()).toBe('connected');
    const next = iterator.next();
    socket.close();
    await expect(next).rejects.toThrow();
    expect(connection()).toBe('reconnecting');
  });
});
