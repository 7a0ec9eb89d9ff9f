import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { setPriority } from 'node:os';
import { unpackedPath } from '../../base/asarPath';

/**
 * The llama.cpp source node-llama-cpp ships (`llama/gitRelease.bundle`, a git bundle of the exact
 * release its binaries were built from) and the patches it applies before a source build. Both the
 * engine build and `npm run bench:native`'s llama-bench start from a clone of it, so Caliper's
 * engine and the reference it is measured against are the same code.
 */
export interface LlamaPackage {
  /** node-llama-cpp's `llama/` folder (CMakeLists.txt, addon, patches, the bundle). */
  llamaDir: string;
  version: string;
  /** The llama.cpp release tag of the bundle (e.g. `v0.4.0`'s upstream `b…`). */
  tag: string;
}

export function llamaPackage(): LlamaPackage {
  // The package exports no package.json: resolve its entry (dist/index.js) and go up.
  const packageDir = dirname(dirname(createRequire(import.meta.url).resolve('node-llama-cpp')));
  const version = (JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version: string }).version;
  const info = JSON.parse(readFileSync(join(packageDir, 'llama', 'llama.cpp.info.json'), 'utf8')) as { tag: string };
  // git and cmake read the bundle and the project as files: in a package, the copies beside app.asar.
  return { llamaDir: unpackedPath(join(packageDir, 'llama')), version, tag: info.tag };
}

export type LogSink = (line: string) => void;

/** Runs a command, streaming its output lines to `log`; rejects with the last lines on failure. */
export function run(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; log?: LogSink; signal?: AbortSignal; priority?: number } = {},
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so a cancel ends the compilers it started too.
      detached: process.platform !== 'win32',
    });
    if (options.priority && child.pid !== undefined) {
      try {
        // Compilers it starts inherit it.
        setPriority(child.pid, options.priority);
      } catch {
        // not permitted: normal priority
      }
    }
    const tail: string[] = [];
    const onLine = (line: string) => {
      tail.push(line);
      if (tail.length > 40) tail.shift();
      options.log?.(line);
    };
    for (const stream of [child.stdout, child.stderr]) {
      let rest = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        const lines = (rest + chunk).split(/\r?\n/);
        rest = lines.pop() ?? '';
        lines.forEach(onLine);
      });
      stream.on('end', () => rest && onLine(rest));
    }
    const onAbort = () => {
      try {
        if (child.pid !== undefined && process.platform !== 'win32') process.kill(-child.pid, 'SIGTERM');
        else child.kill('SIGTERM');
      } catch {
        // already gone
      }
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    child.on('error', (error) => {
      options.signal?.removeEventListener('abort', onAbort);
      reject(error);
    });
    child.on('close', (code, signal) => {
      options.signal?.removeEventListener('abort', onAbort);
      if (code === 0) resolve();
      else if (options.signal?.aborted) reject(new BuildCancelled());
      else reject(new Error(`${command} ${args[0] ?? ''} failed (${signal ?? `exit ${code}`}):\n${tail.slice(-15).join('\n')}`));
    });
  });
}

export class BuildCancelled extends Error {
  constructor() {
    super('cancelled');
    this.name = 'BuildCancelled';
  }
}

/**
 * Clones the bundle into `<dir>/src` once (a marker file says it is complete and patched), applying
 * node-llama-cpp's patches the way its own source build does. Returns the source folder.
 */
export async function ensureLlamaSource(pkg: LlamaPackage, dir: string, options: { log?: LogSink; signal?: AbortSignal } = {}): Promise<string> {
  const src = join(dir, 'src');
  const marker = join(dir, 'src.ready');
  if (existsSync(marker) && existsSync(join(src, 'CMakeLists.txt'))) return src;
  await mkdir(dir, { recursive: true });
  const partial = join(dir, 'src.partial');
  await rm(partial, { recursive: true, force: true });
  await rm(src, { recursive: true, force: true });
  options.log?.(`git clone ${join(pkg.llamaDir, 'gitRelease.bundle')}`);
  await run('git', ['-c', 'advice.detachedHead=false', 'clone', '--quiet', join(pkg.llamaDir, 'gitRelease.bundle'), partial], options);
  const patches = join(pkg.llamaDir, 'patches');
  for (const patch of existsSync(patches) ? readdirSync(patches).filter((f) => f.endsWith('.diff')).sort() : []) {
    // A patch already in this release does not apply in reverse-check terms; node-llama-cpp skips those too.
    const applies = await run('git', ['apply', '--check', join(patches, patch)], { cwd: partial }).then(
      () => true,
      () => false,
    );
    if (applies) {
      options.log?.(`git apply ${patch}`);
      await run('git', ['apply', join(patches, patch)], { cwd: partial, ...options });
    } else options.log?.(`skipping ${patch} (already applied or not applicable)`);
  }
  await rename(partial, src);
  await writeFile(marker, `${pkg.version} ${pkg.tag}\n`);
  return src;
}
