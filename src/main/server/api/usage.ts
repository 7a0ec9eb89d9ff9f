import type { GenerationResult } from '../../engineProcess/protocol';
import type { RequestRecord } from './exchange';

export function usageOf(result: GenerationResult) {
  const prompt = result.promptTokensTotal ?? result.stats.promptTokens;
  const completion = result.stats.generatedTokens;
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
}

/** What the request log keeps of a finished generation. */
export function recordResult(record: RequestRecord, result: GenerationResult): void {
  const usage = usageOf(result);
  record.promptTokens = usage.prompt_tokens;
  record.completionTokens = usage.completion_tokens;
  record.tokensPerSecond = result.stats.generationTokensPerSecond;
}

export function finishReason(result: GenerationResult): 'stop' | 'length' | 'tool_calls' {
  if (result.toolCalls?.length) return 'tool_calls';
  return result.stats.stopReason === 'maxTokens' ? 'length' : 'stop';
}

/**
 * The engine's own measurements in llama-server's `timings` shape, so tools that read them (and a
 * Caliper comparing against this one) get server-side numbers beside their own.
 */
export function timingsOf(result: GenerationResult) {
  const s = result.stats;
  const ttft = s.ttftMs ?? 0;
  const predictedMs = Math.max(0, s.durationMs - ttft);
  return {
    prompt_n: s.promptTokens,
    prompt_ms: ttft,
    prompt_per_second: s.promptTokensPerSecond,
    predicted_n: s.generatedTokens,
    predicted_ms: predictedMs,
    predicted_per_second: s.generationTokensPerSecond,
  };
}
