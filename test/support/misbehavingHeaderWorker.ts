import { parentPort } from 'node:worker_threads';
import { ggufFacts } from '../../src/main/gguf/ggufFacts';
import { readGgufHeader } from '../../src/main/gguf/readGgufHeader';
import type { HeaderRequest } from '../../src/main/services/library/worker/protocol';

/**
 * Stands in for a header reader that meets a hostile file: it spins forever on paths containing
 * "hang" and allocates without bound on paths containing "oom"; other files are read normally.
 */
parentPort?.on('message', (req: HeaderRequest) => {
  if (req.path.includes('hang')) for (;;);
  if (req.path.includes('oom')) {
    const hoard: number[][] = [];
    for (;;) hoard.push(new Array(1_000_000).fill(hoard.length));
  }
  parentPort?.postMessage({ id: req.id, facts: ggufFacts(readGgufHeader(req.path)) });
});
