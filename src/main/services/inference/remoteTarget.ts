import type { GenerationStats, RemoteModelRef, Sampling } from '../../../shared/contract';
import type { ChatTurn } from '../../engineProcess/protocol';
import type { RemoteService } from '../remote/remoteService';
import type { AnswerTarget, ChunkListener } from './answerTarget';

/**
 * A model on a remote OpenAI-compatible server. Nothing is loaded here: the server holds the
 * model. Numbers are measured the same way as locally (first non-empty delta, (n − 1) / (t_last −
 * t_first)); memory is the server's and shown as remote, not as zero.
 */
export class RemoteTarget implements AnswerTarget {
  readonly instanceId: string;

  constructor(
    readonly ref: RemoteModelRef,
    private readonly remote: RemoteService,
  ) {
    this.instanceId = `remote:${ref.connectionId}`;
  }

  async answer(history: ChatTurn[], sampling: Sampling, onChunk: ChunkListener, signal?: AbortSignal): Promise<GenerationStats> {
    const connection = this.remote.get(this.ref.connectionId);
    const answer = await this.remote.client(this.ref.connectionId).chat(this.ref.model, history, sampling, onChunk, signal);
    return {
      ttftMs: answer.ttftMs,
      promptTokens: answer.promptTokens,
      // Only the server can time its prompt processing.
      promptTokensPerSecond: answer.server?.promptTokensPerSecond ?? null,
      generatedTokens: answer.generatedTokens,
      generationTokensPerSecond: answer.generationTokensPerSecond,
      durationMs: answer.durationMs,
      stopReason: answer.stopReason,
      model: this.ref,
      quantization: null,
      gpuLayers: null,
      contextSize: null,
      threads: null,
      remote: {
        headersMs: answer.headersMs,
        rttMs: connection.lastTest?.rttMs ?? null,
        tokensCounted: answer.tokensCounted,
        serverPromptTokensPerSecond: answer.server?.promptTokensPerSecond ?? null,
        serverGenerationTokensPerSecond: answer.server?.generationTokensPerSecond ?? null,
      },
    };
  }

  async peakMemory(): Promise<number | null> {
    return null;
  }

  /** The server and model, and what the server says about itself. The key is not part of it. */
  identity(): Record<string, unknown> {
    const connection = this.remote.get(this.ref.connectionId);
    return { remote: { baseUrl: connection.baseUrl, kind: connection.kind, model: this.ref.model, version: connection.lastTest?.version ?? null } };
  }

  async ready(): Promise<boolean> {
    return true;
  }
}
