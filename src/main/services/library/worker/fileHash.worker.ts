import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { platform, setPriority } from 'node:os';
import { setImmediate as yieldToLoop, setTimeout as sleep } from 'node:timers/promises';
import { parentPort } from 'node:worker_threads';
import type { HashRequest, HashResponse } from './fileHashProtocol';

// Hashes whole model files (gigabytes) in the background without starving the engines of CPU.
const port = parentPort;
if (!port) throw new Error('fileHash.worker must run in a worker thread');

// On Linux the nice value belongs to the thread, so this lowers only this worker. Elsewhere it
// would lower the whole app, so there the worker rests as long as it works instead.
let reniced = false;
if (platform() === 'linux') {
  try {
    setPriority(19);
    reniced = true;
  } catch {
    // Not allowed here: fall back to resting.
  }
}

const CHUNK_BYTES = 1 << 20;

async function hashFile(path: string): Promise<Omit<Extract<HashResponse, { sha256: string }>, 'id'>> {
  const handle = await open(path, 'r');
  try {
    const before = await handle.stat();
    const hash = createHash('sha256');
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    for (;;) {
      const started = performance.now();
      const { bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, null);
      if (bytesRead === 0) break;
      hash.update(buffer.subarray(0, bytesRead));
      if (reniced) await yieldToLoop();
      else await sleep(Math.min(50, performance.now() - started));
    }
    const after = await handle.stat();
    if (after.size !== before.size || after.mtimeMs !== before.mtimeMs) throw new Error('the file changed while it was read');
    return { sha256: hash.digest('hex'), size: before.size, mtimeMs: before.mtimeMs };
  } finally {
    await handle.close();
  }
}

port.on('message', (req: HashRequest) => {
  hashFile(req.path).then(
    (result) => port.postMessage({ id: req.id, ...result } satisfies HashResponse),
    (error: unknown) => port.postMessage({ id: req.id, error: String((error as Error)?.message ?? error).slice(0, 500) } satisfies HashResponse),
  );
});
