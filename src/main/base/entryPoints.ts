import { join } from 'node:path';
import { Worker, type ResourceLimits } from 'node:worker_threads';

/**
 * Code that runs in its own thread or process is started from a file. In the built app that file
 * is a bundle next to the entry; in tests it is TypeScript source started through `bootstrap`
 * (a tsx loader shim), so the same supervisor code is exercised either way.
 */
export interface EntryPoint {
  file: string;
  /** A plain-JS module that registers a TypeScript loader, then imports `file`. */
  bootstrap?: string;
}

export interface EntryPoints {
  ggufWorker: EntryPoint;
  engineHost: EntryPoint;
  fileHashWorker: EntryPoint;
  /** A quantization's own process (llama_model_quantize through koffi). */
  quantizeHost: EntryPoint;
}

/** The bundles electron-vite writes beside the main entry (see electron.vite.config.ts). */
export function builtEntryPoints(dir: string): EntryPoints {
  return {
    ggufWorker: { file: join(dir, 'ggufHeader.worker.js') },
    engineHost: { file: join(dir, 'engineHost.js') },
    fileHashWorker: { file: join(dir, 'fileHash.worker.js') },
    quantizeHost: { file: join(dir, 'quantizeHost.js') },
  };
}

export function startWorker(entry: EntryPoint, resourceLimits?: ResourceLimits): Worker {
  if (!entry.bootstrap) return new Worker(entry.file, { resourceLimits });
  return new Worker(entry.bootstrap, { resourceLimits, workerData: { entry: entry.file } });
}

/** For `child_process.fork`: the module to run and the flags that let it be TypeScript. */
export function forkArgs(entry: EntryPoint): { modulePath: string; execArgv: string[] } {
  return entry.bootstrap
    ? { modulePath: entry.file, execArgv: ['--import', 'tsx'] }
    : { modulePath: entry.file, execArgv: [] };
}
