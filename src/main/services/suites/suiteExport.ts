import { ANSWER_CSV_COLUMNS, answerCsvFields, csvField, fenced, mean, round } from '../inference/answerExport';
import { modelName as nameOfModel, type SuiteCell, type SuiteExportFormat, type SuiteRun } from '../../../shared/contract';

type Connections = ReadonlyArray<{ id: string; name: string }>;

/** Files are data for other tools: English column names and plain numbers, whatever the UI language. */
export function exportRun(run: SuiteRun, format: SuiteExportFormat, connections: Connections = []): { fileName: string; mimeType: string; content: string } {
  const named: Named = { ...run, modelName: (m) => {
    const ref = run.configs[m]?.model ?? run.models[m];
    return ref ? nameOfModel(ref, connections) : `model ${m + 1}`;
  } };
  const stem = `${run.name.replace(/[^\p{L}\p{N}\- ]+/gu, '').trim().slice(0, 60) || 'suite'} ${new Date(run.createdAt).toISOString().slice(0, 10)}`;
  if (format === 'json') {
    return { fileName: `${stem}.json`, mimeType: 'application/json', content: JSON.stringify(toJson(named), null, 2) };
  }
  if (format === 'csv') return { fileName: `${stem}.csv`, mimeType: 'text/csv', content: toCsv(named) };
  return { fileName: `${stem}.md`, mimeType: 'text/markdown', content: toMarkdown(named) };
}

/** A run with its models' display names (remote models are named with their connection's name). */
type Named = SuiteRun & { modelName: (m: number) => string };
const cellAt = (run: SuiteRun, p: number, m: number) => run.cells.find((c) => c.promptIndex === p && c.modelIndex === m);
function toJson(run: Named) {
  return {
    format: 'caliper.suite-run',
    version: 1,
    name: run.name,
    status: run.status,
    createdAt: new Date(run.createdAt).toISOString(),
    finishedAt: run.finishedAt ? new Date(run.finishedAt).toISOString() : null,
    warmUp: run.warmUp,
    prompts: run.prompts,
    models: run.configs.map((c, m) => ({ name: run.modelName(m), ...c })),
    cells: run.cells.map((c) => ({ prompt: c.promptIndex, model: c.modelIndex, ...c })),
  };
}

const CSV_COLUMNS = ['prompt_index', 'prompt', 'model_index', 'model', ...ANSWER_CSV_COLUMNS, 'settings_hash'];

function toCsv(run: Named): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const c of sorted(run.cells)) {
    lines.push(
      [c.promptIndex + 1, run.prompts[c.promptIndex] ?? '', c.modelIndex + 1, run.modelName(c.modelIndex), ...answerCsvFields(c), c.settingsHash]
        .map(csvField)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

function sorted(cells: SuiteCell[]): SuiteCell[] {
  return [...cells].sort((a, b) => a.promptIndex - b.promptIndex || a.modelIndex - b.modelIndex);
}

function toMarkdown(run: Named): string {
  const out: string[] = [`# ${run.name}`, ''];
  out.push(
    `${run.prompts.length} prompts × ${run.configs.length} models · ${run.status} · started ${new Date(run.createdAt).toISOString()}` +
      ` · warm-up ${run.warmUp ? 'on' : 'off'} · models run one at a time`,
    '',
  );
  out.push('## Summary', '', '| Model | Done | Failed | Mean TTFT (ms) | Mean prompt tok/s | Mean generation tok/s | Peak memory (MiB) |');
  out.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  run.configs.forEach((_, m) => {
    const cells = run.cells.filter((c) => c.modelIndex === m);
    const done = cells.filter((c) => c.status === 'done');
    const peak = Math.max(0, ...done.map((c) => c.peakRssBytes ?? 0));
    out.push(
      `| ${run.modelName(m)} | ${done.length} | ${cells.filter((c) => c.status === 'error').length} | ${round(mean(done.map((c) => c.stats?.ttftMs)), 0)} | ` +
        `${round(mean(done.map((c) => c.stats?.promptTokensPerSecond)))} | ${round(mean(done.map((c) => c.stats?.generationTokensPerSecond)))} | ` +
        `${peak ? round(peak / 2 ** 20) : ''} |`,
    );
  });
  run.prompts.forEach((prompt, p) => {
    out.push('', `## Prompt ${p + 1}`, '', prompt.split('\n').map((l) => `> ${l}`).join('\n'));
    run.configs.forEach((_, m) => {
      const c = cellAt(run, p, m);
      out.push('', `### ${run.modelName(m)}`, '');
      if (!c || c.status === 'pending') out.push('_not run yet_');
      else if (c.status === 'error') out.push(`_failed: ${c.error?.code ?? ''} ${c.error?.detail ?? ''}_`);
      else {
        out.push(fenced(c.output), '');
        const s = c.stats;
        out.push(
          `TTFT ${round(s?.ttftMs, 0)} ms · prompt ${round(s?.promptTokensPerSecond)} tok/s · generation ${round(s?.generationTokensPerSecond)} tok/s · ` +
            `${s?.generatedTokens ?? 0} tokens · peak ${c.peakRssBytes ? round(c.peakRssBytes / 2 ** 20) : '?'} MiB · settings ${c.settingsHash ?? ''}`,
        );
      }
    });
  });
  return `${out.join('\n')}\n`;
}
