import { closeSync, openSync, readSync } from 'node:fs';
import { readGgufHeader } from '../../../gguf/readGgufHeader';

const F32 = 0;

/**
 * An importance matrix in llama.cpp's GGUF imatrix format (`<tensor>.in_sum2` {n, n_mat} and
 * `<tensor>.counts` {1, n_mat}, both F32), normalised per matrix as llama-quantize does before it
 * hands the data to `llama_model_quantize` (the library reads no imatrix file itself).
 */
export function readImatrix(path: string): Array<{ name: string; data: Float32Array }> {
  const header = readGgufHeader(path);
  const byName = new Map(header.tensors.map((t) => [t.name, t]));
  const fd = openSync(path, 'r');
  const read = (name: string): Float32Array => {
    const t = byName.get(name);
    if (!t || t.type !== F32) throw new Error(`imatrix: ${name} missing or not F32`);
    const n = t.dims.reduce((a, b) => a * b, 1);
    const buf = Buffer.alloc(n * 4);
    readSync(fd, buf, 0, buf.length, header.dataOffset + t.offset);
    return new Float32Array(buf.buffer, buf.byteOffset, n);
  };
  try {
    const entries: Array<{ name: string; data: Float32Array }> = [];
    for (const t of header.tensors) {
      if (!t.name.endsWith('.in_sum2')) continue;
      const name = t.name.slice(0, -'.in_sum2'.length);
      const sums = read(t.name);
      const counts = read(`${name}.counts`);
      const ne0 = sums.length / counts.length;
      const data = new Float32Array(sums.length);
      for (let j = 0; j < counts.length; j++) {
        const count = counts[j]!;
        for (let i = 0; i < ne0; i++) data[j * ne0 + i] = count > 0 ? sums[j * ne0 + i]! / count : 1;
      }
      entries.push({ name, data });
    }
    if (entries.length === 0) throw new Error('imatrix: no *.in_sum2 tensors (legacy .dat files are not read)');
    return entries;
  } finally {
    closeSync(fd);
  }
}
