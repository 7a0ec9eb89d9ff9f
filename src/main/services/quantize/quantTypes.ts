import type { QuantType } from '../../../shared/contract';

/** llama_ftype of each offered type (include/llama.h of the bundled release; not consecutive). */
export const FTYPE: Record<QuantType, number> = {
  F16: 1,
  BF16: 32,
  Q8_0: 7,
  Q6_K: 18,
  Q5_K_M: 17,
  Q5_K_S: 16,
  Q4_K_M: 15,
  Q4_K_S: 14,
  Q4_0: 2,
  Q3_K_M: 12,
  Q3_K_S: 11,
  Q2_K: 10,
  IQ4_XS: 30,
  IQ4_NL: 25,
};

/** Source types that are not quantized: anything else is a requantization. */
export const UNQUANTIZED = new Set(['F32', 'F16', 'BF16']);

/** `<stem>-<type>.gguf` beside the source, where the stem drops a quantization suffix it had. */
export function outputName(sourceBase: string, type: QuantType): string {
  const stem = sourceBase.replace(/\.gguf$/i, '').replace(/[-._](f32|f16|bf16|i?q\d[\w]*)$/i, '');
  return `${stem}-${type}.gguf`;
}
