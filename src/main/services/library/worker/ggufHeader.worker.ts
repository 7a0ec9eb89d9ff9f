import { parentPort } from 'node:worker_threads';
import { ggufDetails, specialTokenIds, tokensKey } from '../../../gguf/ggufDetails';
import { ggufFacts } from '../../../gguf/ggufFacts';
import { GgufFormatError, readGgufHeader } from '../../../gguf/readGgufHeader';
import type { HeaderRequest, HeaderResponse } from './protocol';

// Runs in a worker thread with memory limits so that no header, however hostile, stalls the host.
const port = parentPort;
if (!port) throw new Error('ggufHeader.worker must run in a worker thread');

port.on('message', (req: HeaderRequest) => {
  let res: HeaderResponse;
  try {
    const header = readGgufHeader(req.path, req.declaredSize);
    res = { id: req.id, facts: ggufFacts(header) };
    if (req.details) {
      // A vocabulary is too long to keep, so the special tokens' texts take a second pass.
      const ids = specialTokenIds(header);
      const vocab = ids.length > 0 ? readGgufHeader(req.path, req.declaredSize, new Map([[tokensKey, new Set(ids)]])) : header;
      const tokens = vocab.metadata.get(tokensKey);
      if (tokens !== undefined) header.metadata.set(tokensKey, tokens);
      res.details = ggufDetails(header);
    }
  } catch (error) {
    res =
      error instanceof GgufFormatError
        ? { id: req.id, problem: { code: error.code, detail: error.message.slice(0, 500) } }
        : { id: req.id, problem: { code: 'READ_FAILED', detail: String((error as Error).message).slice(0, 500) } };
  }
  port.postMessage(res);
});
