import { modelName, type CompareResult, type Comparison, type Pane } from '../../../shared/contract';
import { ANSWER_CSV_COLUMNS, answerCsvFields, csvField, fenced, mean, round } from '../inference/answerExport';

export type CompareExportFormat = 'markdown' | 'csv' | 'json';

/**
 * A side-by-side comparison as a file for other tools (English names and plain numbers, whatever
 * the UI language), like a suite run's export. While a blind battle waits for its vote, a side is
 * only "Model A" / "Model B": no file name, memory, GPU layers or quantization.
 */
export function exportComparison(
  comparison: Comparison,
  format: CompareExportFormat,
  connections: ReadonlyArray<{ id: string; name: string }> = [],
): { fileName: string; mimeType: string; content: string } {
  const named: Named = { ...comparison, connections };
  const title = titleOf(comparison);
  const stem = `${
    title
      .replace(/[^\p{L}\p{N}\- ]+/gu, '')
      .trim()
      .slice(0, 60) || 'comparison'
  } ${new Date(comparison.createdAt).toISOString().slice(0, 10)}`;
  if (format === 'json') return { fileName: `${stem}.json`, mimeType: 'application/json', content: JSON.stringify(toJson(named), null, 2) };
  if (format === 'csv') return { fileName: `${stem}.csv`, mimeType: 'text/csv', content: toCsv(named) };
  return { fileName: `${stem}.md`, mimeType: 'text/markdown', content: toMarkdown(named) };
}

const hidden = (c: Comparison) => c.options.blind && !c.revealed;

function titleOf(c: Comparison): string {
  return c.title || (c.options.blind ? 'Blind battle' : 'Side-by-side comparison');
}

/** A comparison with the remote connections its panes' models are named by. */
type Named = Comparison & { connections: ReadonlyArray<{ id: string; name: string }> };

function paneName(c: Named, pane: Pane | undefined, position: number): string {
  const label = pane?.label ?? String.fromCharCode(65 + position);
  if (hidden(c) || !pane?.model) return `Model ${label}`;
  return `${label} · ${modelName(pane.model, c.connections)}`;
}

const paneAt = (c: Comparison, position: number) => c.panes.find((p) => p.position === position);
const rounds = (c: Comparison) => [...new Set(c.results.map((r) => r.round))].sort((a, b) => a - b);
const ordered = (results: CompareResult[]) => [...results].sort((a, b) => a.round - b.round || a.position - b.position);

function toJson(c: Named) {
  const secret = hidden(c);
  return {
    format: 'caliper.comparison',
    version: 1,
    title: titleOf(c),
    createdAt: new Date(c.createdAt).toISOString(),
    options: c.options,
    revealed: c.revealed,
    panes: c.panes.map((p) => ({
      position: p.position,
      label: p.label,
      name: paneName(c, p, p.position),
      model: secret ? null : p.model,
      load: secret ? null : p.load,
      sampling: p.sampling,
      systemPrompt: p.systemPrompt,
    })),
    results: ordered(c.results).map((r) => ({
      round: r.round,
      pane: r.position,
      prompt: r.prompt,
      status: r.status,
      output: r.output,
      reasoning: r.reasoning,
      error: r.error,
      stats: r.stats && secret ? { ...r.stats, model: null, quantization: null, gpuLayers: null } : r.stats,
      peakRssBytes: secret ? null : r.peakRssBytes,
      settingsHash: secret ? null : r.settingsHash,
      runMode: r.runMode,
      warmUp: r.warmUp,
      createdAt: new Date(r.createdAt).toISOString(),
    })),
    votes: c.votes.map((v) => ({ round: v.round, outcome: v.outcome, createdAt: new Date(v.createdAt).toISOString() })),
  };
}

const CSV_COLUMNS = ['round', 'prompt', 'pane', 'model', ...ANSWER_CSV_COLUMNS, 'run_mode', 'warm_up', 'settings_hash'];

function toCsv(c: Named): string {
  const secret = hidden(c);
  const lines = [CSV_COLUMNS.join(',')];
  for (const r of ordered(c.results)) {
    lines.push(
      [
        r.round,
        r.prompt,
        paneAt(c, r.position)?.label ?? r.position + 1,
        paneName(c, paneAt(c, r.position), r.position),
        ...answerCsvFields(r, secret),
        r.runMode,
        r.warmUp ? 'yes' : 'no',
        secret ? null : r.settingsHash,
      ]
        .map(csvField)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

function toMarkdown(c: Named): string {
  const secret = hidden(c);
  const { options } = c;
  const out: string[] = [`# ${titleOf(c)}`, ''];
  out.push(
    `${c.panes.length} panes · ${rounds(c).length} rounds · ${options.runMode} · ` +
      `${options.sameSeed ? `same seed ${options.seed}` : 'own seeds'} · warm-up ${options.warmUp ? 'on' : 'off'}` +
      `${options.tag ? ` · tag ${options.tag}` : ''} · started ${new Date(c.createdAt).toISOString()}`,
    '',
  );
  if (secret) out.push('_Blind battle not voted on yet: the models are not named._', '');
  out.push(
    '## Summary',
    '',
    '| Pane | Answers | Failed | Mean TTFT (ms) | Mean prompt tok/s | Mean generation tok/s | Peak memory (MiB) |',
  );
  out.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const pane of c.panes) {
    const mine = c.results.filter((r) => r.position === pane.position);
    const done = mine.filter((r) => r.status === 'complete');
    const peak = Math.max(0, ...done.map((r) => r.peakRssBytes ?? 0));
    out.push(
      `| ${paneName(c, pane, pane.position)} | ${done.length} | ${mine.filter((r) => r.status === 'error').length} | ` +
        `${round(mean(done.map((r) => r.stats?.ttftMs)), 0)} | ${round(mean(done.map((r) => r.stats?.promptTokensPerSecond)))} | ` +
        `${round(mean(done.map((r) => r.stats?.generationTokensPerSecond)))} | ${peak && !secret ? round(peak / 2 ** 20) : ''} |`,
    );
  }
  for (const n of rounds(c)) {
    const results = ordered(c.results.filter((r) => r.round === n));
    const vote = c.votes.find((v) => v.round === n);
    out.push(
      '',
      `## Round ${n}`,
      '',
      (results[0]?.prompt ?? '')
        .split('\n')
        .map((l) => `> ${l}`)
        .join('\n'),
    );
    for (const r of results) {
      out.push('', `### ${paneName(c, paneAt(c, r.position), r.position)}`, '');
      if (r.status === 'error') out.push(`_failed: ${r.error?.code ?? ''} ${r.error?.detail ?? ''}_`);
      else {
        out.push(fenced(r.output), '');
        const s = r.stats;
        const numbers = [
          `TTFT ${round(s?.ttftMs, 0)} ms`,
          `prompt ${round(s?.promptTokensPerSecond)} tok/s`,
          `generation ${round(s?.generationTokensPerSecond)} tok/s`,
          `${s?.generatedTokens ?? 0} tokens`,
          r.status !== 'complete' ? r.status : null,
          secret ? null : `peak ${r.peakRssBytes ? round(r.peakRssBytes / 2 ** 20) : '?'} MiB`,
          secret ? null : `settings ${r.settingsHash}`,
        ];
        out.push(numbers.filter((p) => p !== null).join(' · '));
      }
    }
    if (vote)
      out.push(
        '',
        `Vote: ${vote.outcome === 'both_bad' ? 'both bad' : vote.outcome === 'tie' ? 'tie' : `${vote.outcome.toUpperCase()} is better`}`,
      );
  }
  return `${out.join('\n')}\n`;
}
