/**
 * Messages between QuantizeService (main side) and a quantize process. One process per job:
 * llama.cpp's `llama_model_quantize` cannot be interrupted, so cancelling is ending the process.
 */

export interface QuantizeCall {
  id: number;
  type: 'quantize';
  source: string;
  output: string;
  /** llama_ftype value. */
  ftype: number;
  threads: number;
  dryRun: boolean;
  allowRequantize: boolean;
  imatrixPath: string | null;
}

export type QuantizeReply =
  | { id: number; type: 'progress'; done: number; total: number }
  | {
      id: number;
      type: 'done';
      /** Exact bytes of the output file (dry run: predicted; otherwise as written). */
      bytes: number;
      /** Tensors llama.cpp kept in another type than asked. */
      fallbackTensors: number;
    }
  /** llama.cpp refused (its reason is only in its log: the last error lines are passed on). */
  | { id: number; type: 'error'; kind: 'unsupported' | 'failed'; detail: string };

export type QuantizeMessage = QuantizeReply | { type: 'ready'; libllama: string };
