import { parentPort } from 'node:worker_threads';
import { ggufFacts } from '../gguf/ggufFacts';
import { GgufFormatError, readGgufHeader } from '../gguf/readGgufHeader';
import type { HeaderRequest, HeaderResponse } from './protocol';

// Runs in a worker thread with memory limits so that no header, however hostile, stalls the host.
const port = parentPort;
if (!port) throw new Error('ggufHeader.worker must run in a worker thread');

port.on('message', (req: HeaderRequest) => {
  let res: HeaderResponse;
  try {
    res = { id: req.id, facts: ggufFacts(readGgufHeader(req.path)) };
  } catch (error) {
    res =
      error instanceof GgufFormatError
        ? { id: req.id, problem: { code: error.code, detail: error.message.slice(0, 500) } }
        : { id: req.id, problem: { code: 'READ_FAILED', detail: String((error as Error).message).slice(0, 500) } };
  }
  port.postMessage(res);
});
