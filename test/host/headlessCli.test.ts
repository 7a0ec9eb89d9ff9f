import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createORPCClient } from '@orpc/client';
import { RPCLink } from '@orpc/client/websocket';
import type { ContractRouterClient } from '@orpc/contract';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { AppContract } from '../../src/shared/contract';
import { useTempDirs } from '../support/tempDir';

/** The built host, as `npm run serve` starts it (npm test builds before running this). */
const headless = fileURLToPath(new URL('../../out/main/headless.js', import.meta.url));
const tempDir = useTempDirs();
const running: ChildProcess[] = [];

beforeAll(() => {
  if (!existsSync(headless)) throw new Error('out/main/headless.js is missing: run `npm run build` first');
});
afterEach(() => {
  for (const child of running.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

interface Host {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function startHost(args: string[], env: NodeJS.ProcessEnv = {}): Host {
  const child = spawn(process.execPath, [headless, ...args], {
    env: { ...process.env, LANG: 'en_US.UTF-8', LC_ALL: '', LC_MESSAGES: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.push(child);
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function urlOf(host: Host): Promise<string> {
  await expect.poll(() => host.output(), { timeout: 20_000 }).toMatch(/running at (http:\S+)/);
  return /running at (http:\S+)/.exec(host.output())![1]!;
}

/** Connects as a script does: the token from the printed URL, as a bearer token. */
async function client(url: string): Promise<ContractRouterClient<AppContract>> {
  const { host, searchParams } = new URL(url);
  const ws = new WebSocket(`ws://${host}/rpc`, { headers: { authorization: `Bearer ${searchParams.get('token')}` } });
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  return createORPCClient<ContractRouterClient<AppContract>>(new RPCLink({ websocket: ws as unknown as globalThis.WebSocket }));
}

/** Running, as opposed to gone or a zombie waiting for init to reap it. */
const alive = (pid: number) => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
};

describe('npm run serve (the built headless host)', () => {
  it('binds 127.0.0.1, and on SIGTERM closes the database and ends its engine process', async () => {
    const dataDir = tempDir();
    const host = startHost(['--port', '0', '--data-dir', dataDir, '--models-dir', tempDir()]);
    const url = await urlOf(host);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{32}$/);
    await expect.poll(() => host.output()).toMatch(/OpenAI-compatible API: http:\/\/127\.0\.0\.1:\d+\/v1/);

    const api = await client(url);
    expect((await api.system.gpu()).state).toBe('ready');
    const children = execFileSync('ps', ['-o', 'pid=', '--ppid', String(host.child.pid)], { encoding: 'utf8' })
      .split('\n')
      .map((s) => Number(s.trim()))
      .filter(Boolean);
    expect(children.length).toBeGreaterThan(0); // the engine host process
    expect(existsSync(join(dataDir, 'caliper.db-wal'))).toBe(true);

    host.child.kill('SIGTERM');
    expect(await host.exited).toBe(0);
    expect(host.output()).toContain('Received SIGTERM');
    // A clean close checkpoints and removes the write-ahead log.
    expect(existsSync(join(dataDir, 'caliper.db-wal'))).toBe(false);
    await expect.poll(() => children.filter(alive), { timeout: 5000 }).toEqual([]);
  });

  it('says in the user\'s language that the port is taken, and the first host keeps running', async () => {
    const first = startHost(['--port', '0', '--data-dir', tempDir()]);
    const url = await urlOf(first);
    const port = new URL(url).port;

    const second = startHost(['--port', port, '--data-dir', tempDir()], { LANG: 'zh_CN.UTF-8' });
    expect(await second.exited).toBe(1);
    expect(second.output()).toContain(`端口 ${port} 已被占用`);

    const api = await client(url);
    expect((await api.system.info()).shell).toBe('headless');
  });

  it('binds beyond loopback only with a chosen token, and warns then; rejects bad arguments', async () => {
    const loopback = startHost(['--port', '0', '--host', '127.0.0.2', '--data-dir', tempDir()]);
    expect(await urlOf(loopback)).toContain('127.0.0.2');
    expect(loopback.output()).not.toContain('Warning');

    const exposed = startHost(['--port', '0', '--host', '0.0.0.0', '--data-dir', tempDir()]);
    expect(await exposed.exited).toBe(2);
    expect(exposed.output()).toContain('Choose a secret of your own with --token');
    const weak = startHost(['--port', '0', '--host', '0.0.0.0', '--token', 'short', '--data-dir', tempDir()]);
    expect(await weak.exited).toBe(2);
    expect(weak.output()).toContain('at least 16 characters');
    const chosen = startHost(['--port', '0', '--host', '0.0.0.0', '--token', 'a-long-chosen-secret-1234', '--data-dir', tempDir()]);
    const url = await urlOf(chosen);
    expect(chosen.output()).toContain('Warning: binding to 0.0.0.0');
    const api = await client(url.replace('0.0.0.0', '127.0.0.1'));
    expect((await api.system.info()).shell).toBe('headless');

    const bad = startHost(['--port', 'eighty']);
    expect(await bad.exited).toBe(2);
    expect(bad.output()).toContain('"eighty" is not a number');
    const unknown = startHost(['--bogus']);
    expect(await unknown.exited).toBe(2);
    expect(unknown.output()).toContain('--help');
  });

  it('keeps its log free of stack traces when strangers send garbage', async () => {
    const host = startHost(['--port', '0', '--data-dir', tempDir()]);
    const url = await urlOf(host);
    const { host: address, searchParams } = new URL(url);
    const ws = new WebSocket(`ws://${address}/rpc`, { headers: { authorization: `Bearer ${searchParams.get('token')}` } });
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    for (const frame of ['not json', JSON.stringify({ i: 1, t: 99 }), JSON.stringify([1, 0, { u: 'orpc:/../x' }])]) ws.send(frame);
    ws.send(Buffer.from([0, 255, 1]));
    // A rebound page and an unauthenticated socket are refused without a trace either.
    const rebound = new WebSocket(`ws://${address}/rpc`, { headers: { host: 'evil.example' } });
    await new Promise((resolve) => rebound.once('error', resolve));
    const api = await client(url);
    expect((await api.system.info()).shell).toBe('headless');
    ws.close();
    expect(host.output()).not.toMatch(/^\s+at /m);
    expect(host.output()).toContain('Dropped a malformed RPC frame');
  });
});
