// Q8_0 and Q4_K_M copies of a generated bench model, made with Caliper's quantizer core
// (llama_model_quantize of the bundled llama.cpp through koffi, as the quantize process calls it)
// once, cached beside the bench models under node_modules/.cache/caliper-bench-models/quantized/.
import { getLlama, LlamaLogLevel } from 'node-llama-cpp';
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { cpus } from 'node:os';
import { basename, join } from 'node:path';
import { findLibllama } from '../../../src/main/engine/host/quantize/libllamaPath';
import { bindQuantize } from '../../../src/main/engine/host/quantize/llamaQuantize';
import { FTYPE } from '../../../src/main/services/quantize/quantTypes';
import type { QuantType } from '../../../src/shared/contract';
import { cacheDir } from '../../../test/fixtures/generate';

export async function ensureQuantized(source: string, types: QuantType[], log: (line: string) => void = () => undefined): Promise<Record<string, string>> {
  const s = statSync(source);
  const dir = join(cacheDir('caliper-bench-models'), 'quantized', `${basename(source, '.gguf')}-${s.size}-${Math.trunc(s.mtimeMs)}`);
  mkdirSync(dir, { recursive: true });
  const out: Record<string, string> = {};
  let quantize: ReturnType<typeof bindQuantize> | null = null;
  for (const type of types) {
    const target = join(dir, `${basename(source, '.gguf')}-${type}.gguf`);
    out[type] = target;
    if (existsSync(target)) continue;
    if (!quantize) {
      const llama = await getLlama({ gpu: false, build: 'never', logLevel: LlamaLogLevel.error, maxThreads: 0 });
      quantize = bindQuantize(findLibllama(llama.gpu));
    }
    log(`quantizing ${basename(source)} to ${type}`);
    const partial = `${target}.partial`;
    rmSync(partial, { force: true });
    const rc = await quantize.quantize(source, partial, { nthread: cpus().length, ftype: FTYPE[type], allowRequantize: false, dryRun: false, imatrix: null });
    if (rc !== 0) throw new Error(`llama_model_quantize to ${type} returned ${rc}`);
    renameSync(partial, target);
  }
  return out;
}
