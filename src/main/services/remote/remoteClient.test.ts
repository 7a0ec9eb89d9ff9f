import { afterEach, describe, expect, it } from 'vitest';
import { FakeOpenAiServer, type Flavor } from '../../../../test/support/fakeOpenAiServer';
import { rejection } from '../../../../test/support/rejection';
import type { Sampling } from '../../../shared/contract';
import { RemoteClient, type RemoteEndpoint } from './remoteClient';

const servers: FakeOpenAiServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

const sampling: Sampling = { temperature: 0, topP: 1, topK: 0, minP: 0, repeatPenalty: 1, seed: 1, maxTokens: 64 };
const turns = [{ role: 'user' as const, text: 'hi' }];

async function serve(flavor: Flavor, extra: Partial<ConstructorParameters<typeof Object>[0]> = {}) {
  const server = await FakeOpenAiServer.start({ flavor, models: ['remote-model'], apiKey: 'sk-test', tokenDelayMs: 5, ...extra });
  servers.push(server);
  return server;
}

function client(server: FakeOpenAiServer, endpoint: Partial<RemoteEndpoint> = {}) {
  return new RemoteClient({ baseUrl: `${server.url}/v1`, apiKey: 'sk-test', firstByteTimeoutMs: 5000, idleTimeoutMs: 5000, ...endpoint });
}

async function answer(c: RemoteClient, signal?: AbortSignal) {
  let text = '';
  let thought = '';
  const result = await c.chat('remote-model', turns, sampling, (t, segment) => (segment === 'thought' ? (thought += t) : (text += t)), signal);
  return { text, thought, result };
}

describe('remote engines, as each server streams', () => {
  it.each(['vllm', 'llama-server', 'ollama'] as const)('%s: deltas, time to first token, tokens and rate', async (flavor) => {
    const server = await serve(flavor, { reasoning: ['Let me', ' think.'] });
    const { text, thought, result } = await answer(client(server));
    expect(text).toBe('Hello from a remote server.');
    expect(thought).toBe('Let me think.');
    expect(result.stopReason).toBe('eos');
    expect(result.ttftMs).toBeGreaterThan(0);
    expect(result.generatedTokens).toBe(8);
    // Ollama sends no usage: the tokens were counted, and said so.
    expect(result.tokensCounted).toBe(flavor === 'ollama');
    expect(result.generationTokensPerSecond).toBeGreaterThan(0);
    expect(result.server?.generationTokensPerSecond ?? null).toSatisfy((v: number | null) => (flavor === 'llama-server' ? v !== null && v > 0 : v === null));
    // The key went to the server, with the usage request.
    expect(server.requests.at(-1)).toMatchObject({ authorization: 'Bearer sk-test', body: { stream: true, stream_options: { include_usage: true } } });
  });

  it('lists models, and reaches the side endpoints servers have', async () => {
    const server = await serve('llama-server');
    const c = client(server);
    expect(await c.models()).toEqual(['remote-model']);
    expect(await c.sideJson('/props')).toMatchObject({ build_info: 'b7000-deadbeef' });
    expect(await c.sideJson('/version')).toBeNull();
  });
});

describe('remote faults, each with a reason and nothing lost', () => {
  it('a wrong key, an unknown model, an unreachable server', async () => {
    const server = await serve('vllm');
    expect((await rejection(answer(client(server, { apiKey: 'wrong' })))).code).toBe('REMOTE_UNAUTHORIZED');
    expect((await rejection(client(server).chat('other', turns, sampling, () => undefined))).code).toBe('REMOTE_MODEL_NOT_FOUND');
    const closed = await serve('vllm');
    const url = closed.url;
    await closed.close();
    servers.splice(servers.indexOf(closed), 1);
    const unreachable = await rejection(answer(new RemoteClient({ baseUrl: `${url}/v1`, apiKey: null, firstByteTimeoutMs: 2000, idleTimeoutMs: 2000 })));
    expect(unreachable.code).toBe('REMOTE_UNREACHABLE');
    expect(unreachable.data.detail).toBe('ECONNREFUSED');
  });

  it('429 and 503 wait for Retry-After, then give up with the wait asked', async () => {
    const server = await serve('vllm');
    server.setFault({ kind: 'busy', status: 429, retryAfterSeconds: 0, times: 2 });
    expect((await answer(client(server))).text).toBe('Hello from a remote server.');
    expect(server.requests.filter((r) => r.path === '/v1/chat/completions')).toHaveLength(3);
    server.setFault({ kind: 'busy', status: 503, retryAfterSeconds: 120, times: 1 });
    const busy = await rejection(answer(client(server)));
    expect(busy.code).toBe('REMOTE_BUSY');
    expect(busy.data).toEqual({ status: 503, retryAfterSeconds: 120 });
  });

  it('a stream cut mid-answer keeps what arrived', async () => {
    const server = await serve('llama-server');
    server.setFault({ kind: 'cutMidStream', afterTokens: 3 });
    let text = '';
    const error = await rejection(client(server).chat('remote-model', turns, sampling, (t) => (text += t)));
    expect(error.code).toBe('REMOTE_STREAM_CUT');
    expect(text).toBe('Hello from a');
  });

  it('malformed SSE is named as such', async () => {
    const server = await serve('vllm');
    server.setFault({ kind: 'malformed', afterTokens: 2 });
    expect((await rejection(answer(client(server)))).code).toBe('REMOTE_MALFORMED');
  });

  it('a server that never answers, or stops mid-answer, times out', async () => {
    const server = await serve('ollama');
    server.setFault({ kind: 'neverAnswers' });
    const silent = await rejection(answer(client(server, { firstByteTimeoutMs: 300 })));
    expect(silent.data).toEqual({ phase: 'first_byte', seconds: 0 });
    server.setFault({ kind: 'stallAfter', afterTokens: 2 });
    let text = '';
    const stalled = await rejection(client(server, { idleTimeoutMs: 300 }).chat('remote-model', turns, sampling, (t) => (text += t)));
    expect(stalled.code).toBe('REMOTE_TIMEOUT');
    expect(stalled.data.phase).toBe('idle');
    expect(text).toBe('Hello from');
  });

  it('stopping keeps the partial answer as stopped', async () => {
    const server = await serve('vllm', { tokenDelayMs: 40 });
    const controller = new AbortController();
    let text = '';
    const result = await client(server).chat('remote-model', turns, sampling, (t) => {
      text += t;
      if (text === 'Hello from') controller.abort();
    }, controller.signal);
    expect(result.stopReason).toBe('stopped');
    expect(text).toBe('Hello from');
  });
});
