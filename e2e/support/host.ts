import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureFixtures, type FixtureSet } from '../../test/fixtures/generate';

const headless = fileURLToPath(new URL('../../out/main/headless.js', import.meta.url));

export interface Host {
  /** The page's address as the host printed it: it carries the token, which the page trades for a cookie. */
  url: string;
  /** The host's secret, for scripts and API calls (`Authorization: Bearer …`). */
  token: string;
  /** `http://127.0.0.1:PORT/v1` */
  apiBase: string;
  /** The host process; its children are the engine processes. */
  pid: number;
  port: number;
  dataDir: string;
  modelsDir: string;
  stop(): Promise<number | null>;
}

/** Starts the built headless host exactly as `npm run serve` does, and waits for its URL. */
export async function startHost(options: {
  dataDir: string;
  modelsDir: string;
  port?: number;
  /** Extra environment, e.g. HF_ENDPOINT pointing at the loopback Hub. */
  env?: Record<string, string>;
  /** A fixed secret (`--token`), e.g. the previous host's, so an open page stays signed in across a restart. */
  token?: string;
}): Promise<Host> {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      headless,
      '--port',
      String(options.port ?? 0),
      '--data-dir',
      options.dataDir,
      '--models-dir',
      options.modelsDir,
      ...(options.token ? ['--token', options.token] : []),
    ],
    // The Hub is a loopback one or none: a first run asks the Hub for a starter model, and a test
    // must never reach the real one.
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LANG: 'en_US.UTF-8', HF_ENDPOINT: 'http://127.0.0.1:9', ...options.env } },
  );
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`host did not start:\n${output}`)), 30_000);
    const onData = (d: Buffer) => {
      output += d.toString();
      const match = /running at (http:\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then((code) => reject(new Error(`host exited (${code}):\n${output}`)));
  });
  // A host that dies mid-test shows up in the page as "Reconnecting…"; say why in the test's output.
  let stopping = false;
  void exited.then((code) => {
    if (!stopping) process.stderr.write(`\n[e2e] the host exited by itself (${code}); its last output:\n${output.slice(-4000)}\n`);
  });
  const parsed = new URL(url);
  return {
    url,
    token: parsed.searchParams.get('token') ?? '',
    apiBase: `${parsed.origin}/v1`,
    pid: child.pid!,
    port: Number(parsed.port),
    dataDir: options.dataDir,
    modelsDir: options.modelsDir,
    async stop() {
      stopping = true;
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

export function tempDir(prefix = 'caliper-e2e-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** A model folder holding every generated fixture plus two broken files. */
export async function populatedModelsDir(): Promise<{ dir: string; fixtures: FixtureSet }> {
  const fixtures = await ensureFixtures();
  const dir = tempDir('caliper-models-');
  for (const f of fixtures.all) copyFileSync(f.path, join(dir, `${f.id}.gguf`));
  writeFileSync(join(dir, 'not-a-model.gguf'), 'This is a text file that someone named .gguf');
  const qwen = fixtures.byId['qwen2'];
  const bytes = readFileSync(qwen.path);
  writeFileSync(join(dir, 'truncated-download.gguf'), bytes.subarray(0, Math.floor(bytes.length / 2)));
  return { dir, fixtures };
}
