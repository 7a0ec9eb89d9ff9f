/**
 * Server-sent events from a fetch body: yields each event's `data` (lines joined with "\n"),
 * ignoring comments and other fields. A body that ends in the middle of an event yields what was
 * complete; the caller decides whether the stream ended properly (`[DONE]`, a finish reason).
 */
export async function* sseData(body: ReadableStream<Uint8Array>, signal?: AbortSignal): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let buffer = '';
  let data: string[] = [];
  const reader = body.getReader();
  const cancel = () => void reader.cancel().catch(() => undefined);
  signal?.addEventListener('abort', cancel, { once: true });
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let newline: number;
      while ((newline = buffer.search(/\r\n|\r|\n/)) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + (buffer.startsWith('\r\n', newline) ? 2 : 1));
        if (line === '') {
          if (data.length) yield data.join('\n');
          data = [];
        } else if (line.startsWith('data:')) {
          data.push(line.slice(line.startsWith('data: ') ? 6 : 5));
        }
        // `event:`, `id:`, `retry:` and `:` comments carry nothing OpenAI-style servers rely on.
      }
    }
    if (data.length) yield data.join('\n');
  } finally {
    signal?.removeEventListener('abort', cancel);
    reader.releaseLock();
  }
}
