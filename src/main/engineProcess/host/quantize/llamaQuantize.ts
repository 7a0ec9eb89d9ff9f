import koffi from 'koffi';

/**
 * `llama_model_quantize` of the libllama node-llama-cpp ships, through koffi. The struct is
 * `llama_model_quantize_params` from that release's include/llama.h (64 bytes on x64); koffi lays it
 * out with the C alignment rules, and `bindQuantize` checks the size so a header change is caught.
 */

export interface QuantizeParams {
  nthread: number;
  ftype: number;
  allowRequantize: boolean;
  dryRun: boolean;
  /** `{name, data, size}` entries ending in a null name (from `imatrix`), or null. */
  imatrix: unknown;
}

export interface LlamaQuantize {
  /** Runs on a koffi worker thread, so this thread keeps answering (progress, the log). 0 = success. */
  quantize(source: string, output: string, params: QuantizeParams): Promise<number>;
  /** Every log text llama.cpp writes goes here (level: ggml_log_level, 4 = error). */
  onLog(listener: (level: number, text: string) => void): void;
  /** Encodes an importance matrix for `QuantizeParams.imatrix`. */
  imatrix(entries: Array<{ name: string; data: Float32Array }>): unknown;
}

const PARAMS_BYTES_64BIT = 64;

export function bindQuantize(libllamaPath: string): LlamaQuantize {
  const lib = koffi.load(libllamaPath);
  const ImatrixEntry = koffi.struct('caliper_llama_model_imatrix_data', { name: 'const char *', data: 'float *', size: 'size_t' });
  const Params = koffi.struct('caliper_llama_model_quantize_params', {
    nthread: 'int32',
    ftype: 'int32',
    output_tensor_type: 'int32',
    token_embedding_type: 'int32',
    allow_requantize: 'bool',
    quantize_output_tensor: 'bool',
    only_copy: 'bool',
    pure: 'bool',
    keep_split: 'bool',
    dry_run: 'bool',
    imatrix: koffi.pointer(ImatrixEntry),
    kv_overrides: 'void *',
    tt_overrides: 'void *',
    prune_layers: 'void *',
    max_buf_size: 'size_t',
  });
  if (koffi.sizeof('void *') === 8 && koffi.sizeof(Params) !== PARAMS_BYTES_64BIT) {
    throw new Error(`llama_model_quantize_params is ${koffi.sizeof(Params)} bytes, expected ${PARAMS_BYTES_64BIT}`);
  }
  const defaults = lib.func('caliper_llama_model_quantize_params llama_model_quantize_default_params(void)');
  const quantize = lib.func(
    'uint32 llama_model_quantize(const char *fname_inp, const char *fname_out, const caliper_llama_model_quantize_params *params)',
  );
  const LogCallback = koffi.proto('void caliper_ggml_log_callback(int level, const char *text, void *user)');
  const logSet = lib.func('void llama_log_set(caliper_ggml_log_callback *cb, void *user)');

  const listeners: Array<(level: number, text: string) => void> = [];
  // Registered once for the life of the process (llama.cpp keeps calling it).
  const callback = koffi.register((level: number, text: string | null) => {
    for (const l of listeners) l(level, text ?? '');
  }, koffi.pointer(LogCallback));
  logSet(callback, null);

  return {
    quantize(source, output, params) {
      const p = {
        ...(defaults() as Record<string, unknown>),
        nthread: params.nthread,
        ftype: params.ftype,
        allow_requantize: params.allowRequantize,
        dry_run: params.dryRun,
        imatrix: params.imatrix,
      };
      return new Promise((resolve, reject) => {
        quantize.async(source, output, p, (error: Error | null, rc: number) => (error ? reject(error) : resolve(rc)));
      });
    },
    onLog(listener) {
      listeners.push(listener);
    },
    imatrix(entries) {
      // koffi copies the array (and the strings and floats it points to) for the call.
      return [...entries.map((e) => ({ name: e.name, data: e.data, size: e.data.length })), { name: null, data: null, size: 0 }];
    },
  };
}
