import { readGgufHeader, type GgufHeader } from '../../gguf/readGgufHeader';
import type { AdapterCheck } from '../protocol';

/**
 * What llama.cpp checks when it applies a LoRA, checked before loading so a wrong adapter is
 * refused with a reason instead of failing the load: `general.type = adapter`, the same
 * architecture, and for every `<tensor>.lora_a {n_in, r}` / `.lora_b {r, n_out}` a base tensor
 * `{n_in, n_out}`. Both headers come from Caliper's guarded reader.
 */
export function checkAdapter(modelPath: string, adapterPath: string): AdapterCheck {
  let model: GgufHeader;
  let adapter: GgufHeader;
  try {
    model = readGgufHeader(modelPath);
    adapter = readGgufHeader(adapterPath);
  } catch (error) {
    return { compatible: false, reason: 'UNREADABLE', detail: String(error).slice(0, 300) };
  }
  if (adapter.metadata.get('general.type') !== 'adapter' || adapter.metadata.get('adapter.type') !== 'lora') {
    const type = String(adapter.metadata.get('general.type') ?? '—');
    const adapterType = String(adapter.metadata.get('adapter.type') ?? '—');
    return { compatible: false, reason: 'NOT_AN_ADAPTER', detail: `general.type = ${type}, adapter.type = ${adapterType}` };
  }
  const modelArch = String(model.metadata.get('general.architecture'));
  const adapterArch = String(adapter.metadata.get('general.architecture'));
  if (modelArch !== adapterArch) {
    return { compatible: false, reason: 'ARCHITECTURE', detail: `${adapterArch} ≠ ${modelArch}` };
  }
  const base = new Map(model.tensors.map((t) => [t.name, t.dims]));
  const adapterTensors = new Map(adapter.tensors.map((t) => [t.name, t.dims]));
  for (const [name, a] of adapterTensors) {
    if (!name.endsWith('.lora_a')) continue;
    const target = name.slice(0, -'.lora_a'.length);
    const b = adapterTensors.get(`${target}.lora_b`);
    const dims = base.get(target);
    if (!dims || !b) return { compatible: false, reason: 'MISSING_TENSOR', detail: target };
    if (a[0] !== dims[0] || b[1] !== dims[1] || a[1] !== b[0]) {
      return {
        compatible: false,
        reason: 'SHAPE',
        detail: `${target}: {${a[0]}, ${b[1]}} (rank ${a[1]}) ≠ {${dims[0]}, ${dims[1]}}`,
      };
    }
  }
  return { compatible: true };
}
