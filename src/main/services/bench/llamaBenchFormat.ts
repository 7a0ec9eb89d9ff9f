import type { BenchExportFormat, BenchResult, BenchRun } from '../../../shared/contract';
import { benchTestName } from '../../../shared/bench/testName';
import { samplesTs } from '../../../shared/bench/stats';

/**
 * Runs written in llama-bench's own output formats (`-o json|jsonl|csv|md|sql`), with its field
 * names, order and types, so Caliper's numbers can be read by the scripts that read llama-bench's
 * (compare-llama-bench.py reads the SQL) and set beside published results. Fields llama-bench
 * fills from its command line take the values it would print for what Caliper did: memory-mapped
 * loads, the default poll and split mode, no tensor overrides. JSON and JSONL add Caliper's own
 * measurements under `caliper_*` keys after llama-bench's.
 */

type FieldType = 'string' | 'bool' | 'int' | 'float';

/** llama-bench's `test::get_fields()` of the bundled release, in order, with `get_field_type`. */
export const llamaBenchFields: ReadonlyArray<[name: string, type: FieldType]> = [
  ['build_commit', 'string'],
  ['build_number', 'int'],
  ['cpu_info', 'string'],
  ['gpu_info', 'string'],
  ['backends', 'string'],
  ['model_filename', 'string'],
  ['model_type', 'string'],
  ['model_size', 'int'],
  ['model_n_params', 'int'],
  ['n_batch', 'int'],
  ['n_ubatch', 'int'],
  ['n_threads', 'int'],
  ['cpu_mask', 'string'],
  ['cpu_strict', 'bool'],
  ['poll', 'int'],
  ['type_k', 'string'],
  ['type_v', 'string'],
  ['n_gpu_layers', 'int'],
  ['n_cpu_moe', 'int'],
  ['split_mode', 'string'],
  ['main_gpu', 'int'],
  ['no_kv_offload', 'bool'],
  ['flash_attn', 'int'],
  ['devices', 'string'],
  ['tensor_split', 'string'],
  ['tensor_buft_overrides', 'string'],
  ['load_mode', 'string'],
  ['lazy_mode', 'string'],
  ['embeddings', 'bool'],
  ['no_op_offload', 'int'],
  ['no_host', 'bool'],
  ['fit_target', 'int'],
  ['fit_min_ctx', 'int'],
  ['n_prompt', 'int'],
  ['n_gen', 'int'],
  ['n_depth', 'int'],
  ['test_time', 'string'],
  ['avg_ns', 'int'],
  ['stddev_ns', 'int'],
  ['avg_ts', 'float'],
  ['stddev_ts', 'float'],
];

/** One result as llama-bench's `get_values()` strings (it prints every value through std::to_string). */
export function llamaBenchValues(run: BenchRun, r: BenchResult): Record<string, string> {
  const backend = run.engine?.backend && run.engine.backend !== 'cpu' ? run.engine.backend.toUpperCase() : 'CPU';
  const kv = r.settings.kvCacheType.toLowerCase();
  return {
    build_commit: run.engine?.llamaCppRelease ?? 'unknown',
    build_number: '0',
    cpu_info: run.machine.cpuModel,
    gpu_info: run.machine.gpuNames.join(', '),
    backends: backend === 'CPU' ? 'CPU' : backend,
    model_filename: run.path,
    model_type: run.model.description,
    model_size: String(Math.round(run.model.sizeBytes)),
    model_n_params: String(Math.round(run.model.parameters)),
    n_batch: String(r.settings.batchSize),
    n_ubatch: String(r.settings.ubatchSize),
    n_threads: String(r.settings.threads),
    cpu_mask: '0x0',
    cpu_strict: '0',
    poll: '50',
    type_k: kv,
    type_v: kv,
    n_gpu_layers: String(r.settings.gpuLayers),
    n_cpu_moe: '0',
    split_mode: 'layer',
    main_gpu: '0',
    no_kv_offload: '0',
    flash_attn: r.settings.flashAttention ? '1' : '0',
    devices: 'auto',
    tensor_split: '0.00',
    tensor_buft_overrides: 'none',
    load_mode: 'mmap',
    lazy_mode: 'auto',
    embeddings: '0',
    no_op_offload: '0',
    no_host: '0',
    fit_target: '0',
    fit_min_ctx: '0',
    n_prompt: String(r.test.nPrompt),
    n_gen: String(r.test.nGen),
    n_depth: String(r.test.depth),
    // RFC 3339 without fractions, as llama-bench's strftime("%FT%TZ").
    test_time: new Date(r.testTime).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    avg_ns: String(Math.round(r.avgNs)),
    stddev_ns: String(Math.round(r.stddevNs)),
    avg_ts: r.avgTs.toFixed(6),
    stddev_ts: r.stddevTs.toFixed(6),
  };
}

function jsonValue(type: FieldType, value: string): string {
  if (type === 'string') return JSON.stringify(value);
  if (type === 'bool') return value === '0' ? 'false' : 'true';
  return value;
}

function jsonRecord(run: BenchRun, r: BenchResult, separator: string, indent: string): string {
  const values = llamaBenchValues(run, r);
  const parts = llamaBenchFields.map(([name, type]) => `${indent}"${name}": ${jsonValue(type, values[name]!)}`);
  const tokens = r.test.nPrompt + r.test.nGen;
  parts.push(`${indent}"samples_ns": [ ${r.samplesNs.map((n) => Math.round(n)).join(', ')} ]`);
  parts.push(`${indent}"samples_ts": [ ${samplesTs(r.samplesNs, tokens).map((t) => t.toFixed(6)).join(', ')} ]`);
  parts.push(`${indent}"caliper_engine": ${JSON.stringify(run.engine?.kind ?? null)}`);
  parts.push(`${indent}"caliper_bytes_per_token": ${r.bytesPerToken === null ? 'null' : Math.round(r.bytesPerToken)}`);
  parts.push(`${indent}"caliper_bandwidth_share": ${r.bandwidthShare === null ? 'null' : r.bandwidthShare.toFixed(6)}`);
  parts.push(`${indent}"caliper_disturbed": ${r.disturbed}`);
  return parts.join(separator);
}

const csvQuote = (s: string) => `"${s.replaceAll('"', '""')}"`;
const sqlQuote = (s: string) => `'${s.replaceAll("'", "''")}'`;

function markdown(runs: readonly BenchRun[]): string {
  const header = ['model', 'size', 'params', 'backend', 'threads', 'n_batch', 'n_ubatch', 'type_k', 'fa', 'ngl', 'test', 't/s'];
  const lines = [`| ${header.join(' | ')} |`, `| ${header.map((h, i) => (i < 4 || h === 'test' ? '---' : '---:')).join(' | ')} |`];
  for (const run of runs) {
    const size = run.model.sizeBytes < 1024 ** 3 ? `${(run.model.sizeBytes / 1024 ** 2).toFixed(2)} MiB` : `${(run.model.sizeBytes / 1024 ** 3).toFixed(2)} GiB`;
    const params = run.model.parameters < 1e9 ? `${(run.model.parameters / 1e6).toFixed(2)} M` : `${(run.model.parameters / 1e9).toFixed(2)} B`;
    for (const r of run.results) {
      const v = llamaBenchValues(run, r);
      lines.push(
        `| ${[v.model_type, size, params, v.backends, v.n_threads, v.n_batch, v.n_ubatch, v.type_k, v.flash_attn, v.n_gpu_layers, benchTestName(r.test), `${r.avgTs.toFixed(2)} ± ${r.stddevTs.toFixed(2)}`].join(' | ')} |`,
      );
    }
  }
  const builds = [...new Set(runs.map((r) => `${r.engine?.llamaCppRelease ?? 'unknown'} (caliper ${r.appVersion}, ${r.engine?.kind ?? 'unknown'} engine)`))];
  return `${lines.join('\n')}\n\nbuild: ${builds.join('; ')}\n`;
}

export function exportRuns(runs: readonly BenchRun[], format: BenchExportFormat): { text: string; mimeType: string; extension: string } {
  const rows = runs.flatMap((run) => run.results.map((r) => [run, r] as const));
  switch (format) {
    case 'json':
      return {
        text: `[\n${rows.map(([run, r]) => `  {\n${jsonRecord(run, r, ',\n', '    ')}\n  }`).join(',\n')}\n]\n`,
        mimeType: 'application/json',
        extension: 'json',
      };
    case 'jsonl':
      return { text: rows.map(([run, r]) => `{${jsonRecord(run, r, ', ', '')}}\n`).join(''), mimeType: 'application/jsonl', extension: 'jsonl' };
    case 'csv': {
      const lines = [llamaBenchFields.map(([name]) => name).join(',')];
      for (const [run, r] of rows) {
        const v = llamaBenchValues(run, r);
        lines.push(llamaBenchFields.map(([name]) => csvQuote(v[name]!)).join(','));
      }
      return { text: `${lines.join('\n')}\n`, mimeType: 'text/csv', extension: 'csv' };
    }
    case 'sql': {
      const sqlType = (t: FieldType) => (t === 'string' ? 'TEXT' : t === 'float' ? 'REAL' : 'INTEGER');
      const create = `CREATE TABLE IF NOT EXISTS llama_bench (\n${llamaBenchFields.map(([n, t], i) => `  ${n} ${sqlType(t)}${i < llamaBenchFields.length - 1 ? ',' : ''}`).join('\n')}\n);\n\n`;
      const names = llamaBenchFields.map(([n]) => n).join(', ');
      const inserts = rows.map(([run, r]) => {
        const v = llamaBenchValues(run, r);
        return `INSERT INTO llama_bench (${names}) VALUES (${llamaBenchFields.map(([n]) => sqlQuote(v[n]!)).join(', ')});\n`;
      });
      return { text: create + inserts.join(''), mimeType: 'application/sql', extension: 'sql' };
    }
    case 'md':
      return { text: markdown(runs), mimeType: 'text/markdown', extension: 'md' };
  }
}
