import { HISTORY_IMPORT_CHUNK_CHARS, type HistoryImportReport } from '../../../shared/contract';
import type { CaliperClient } from '../../platform/rpcClient';
import { openFileSink } from '../../platform/saveFile';

/**
 * Streams the whole chat history into a file as the host sends it. Returns null when the user
 * cancelled the file picker.
 */
export async function exportHistoryToFile(
  client: CaliperClient,
  onProgress: (done: number, total: number) => void,
  signal: AbortSignal,
): Promise<{ conversations: number; messages: number } | null> {
  const stamp = new Date().toISOString().slice(0, 10);
  const sink = await openFileSink(`caliper-history-${stamp}.jsonl`, 'application/jsonl');
  if (!sink) return null;
  try {
    for await (const event of await client.history.export(undefined, { signal })) {
      if (event.type === 'chunk') {
        await sink.write(event.text);
        onProgress(event.done, event.total);
      } else {
        await sink.close();
        return { conversations: event.conversations, messages: event.messages };
      }
    }
    throw new Error('The export ended early');
  } catch (error) {
    await sink.abort().catch(() => undefined);
    throw error;
  }
}

/**
 * Sends a history file to the host in pieces, decoded as a stream (a character split across two
 * reads stays whole), so a file of any size never sits in memory at once.
 */
export async function importHistoryFile(
  client: CaliperClient,
  file: File,
  onProgress: (fraction: number, report: HistoryImportReport) => void,
  signal: AbortSignal,
): Promise<HistoryImportReport> {
  const reader = file.stream().pipeThrough(new TextDecoderStream()).getReader();
  let importId: string | null = null;
  let pending = '';
  let sent = 0;
  const send = async (text: string, last: boolean) => {
    const answer: Awaited<ReturnType<CaliperClient['history']['importChunk']>> = await client.history.importChunk({ importId, text, last });
    importId = answer.importId;
    sent += new TextEncoder().encode(text).length;
    onProgress(file.size ? Math.min(1, sent / file.size) : 1, answer.report);
    return answer.report;
  };
  try {
    for (;;) {
      if (signal.aborted) throw new DOMException('Import cancelled', 'AbortError');
      const { value, done } = await reader.read();
      if (done) return await send(pending, true);
      pending += value;
      while (pending.length >= HISTORY_IMPORT_CHUNK_CHARS) {
        await send(pending.slice(0, HISTORY_IMPORT_CHUNK_CHARS), false);
        pending = pending.slice(HISTORY_IMPORT_CHUNK_CHARS);
      }
    }
  } catch (error) {
    await reader.cancel().catch(() => undefined);
    if (importId) await client.history.importCancel({ importId }).catch(() => undefined);
    throw error;
  }
}
