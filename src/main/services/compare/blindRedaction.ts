import type { CompareResult, Conversation, GenerationStats, Message, StoredError } from '../../../shared/contract';

/**
 * The one redaction step of a blind battle before its vote: everything in a serialized answer that
 * could name a side's model — the model itself, its quantization, layers, context, threads, memory,
 * the settings hash, a remote server's figures, and error details (which may carry a path) — is
 * withheld. The text and the timings stay: comparing them is the point.
 */
export function redactStats(stats: GenerationStats | null): GenerationStats | null {
  return stats && { ...stats, model: null, quantization: null, gpuLayers: null, contextSize: null, threads: null, remote: null };
}

function redactError(error: StoredError | null): StoredError | null {
  return error && { code: error.code, detail: '' };
}

export function redactResult(result: CompareResult): CompareResult {
  return { ...result, stats: redactStats(result.stats), error: redactError(result.error), peakRssBytes: null, settingsHash: null };
}

export function redactConversation(conversation: Conversation): Conversation {
  return { ...conversation, model: null };
}

export function redactMessage(message: Message): Message {
  return { ...message, stats: redactStats(message.stats), error: redactError(message.error) };
}
