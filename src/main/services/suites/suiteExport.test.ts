import { describe, expect, it } from 'vitest';
import type { SuiteRun } from '../../../shared/contract';
import { csvField } from '../inference/answerExport';
import { exportRun } from './suiteExport';

const stats = {
  ttftMs: 12.4,
  promptTokens: 5,
  promptTokensPerSecond: 400,
  generatedTokens: 3,
  generationTokensPerSecond: 250.55,
  durationMs: 30,
  stopReason: 'maxTokens' as const,
  model: { kind: 'local' as const, path: '/m/a.gguf' },
  remote: null,
  quantization: 'Q8_0',
  gpuLayers: 0,
  contextSize: 512,
  threads: 1,
};

const run: SuiteRun = {
  id: 'r',
  suiteId: 's',
  name: 'Tricky, "quoted"',
  status: 'done',
  total: 2,
  done: 1,
  failed: 1,
  models: [{ kind: 'local', path: '/m/a.gguf' }],
  warmUp: false,
  createdAt: Date.UTC(2026, 0, 2),
  finishedAt: Date.UTC(2026, 0, 2),
  prompts: ['Line one\nline two', '=SUM(A1)'],
  configs: [{ model: { kind: 'local', path: '/m/a.gguf' }, load: {}, sampling: {}, systemPrompt: '' }],
  cells: [
    { promptIndex: 0, modelIndex: 0, status: 'done', output: 'has ``` fence, "quotes"\nand lines', error: null, stats, peakRssBytes: 2 ** 20 * 150, settingsHash: 'abcdef0123456789', finishedAt: 1 },
    { promptIndex: 1, modelIndex: 0, status: 'error', output: '', error: { code: 'ENGINE_CRASHED', detail: 'gone' }, stats: null, peakRssBytes: null, settingsHash: null, finishedAt: 1 },
  ],
};

describe('suite exports', () => {
  it('quotes CSV fields and defuses spreadsheet formulas, leaving list items alone', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField('-cmd')).toBe("'-cmd");
    expect(csvField('- a list item')).toBe('- a list item');
    expect(csvField(-3)).toBe('-3');
    expect(csvField(null)).toBe('');
  });

  it('writes one CSV row per cell, in prompt order', () => {
    const { content, fileName, mimeType } = exportRun(run, 'csv');
    expect(mimeType).toBe('text/csv');
    expect(fileName).toBe('Tricky quoted 2026-01-02.csv');
    const lines = content.split('\r\n');
    expect(lines[1]).toBe('1,"Line one\nline two",1,a.gguf,done,"has ``` fence, ""quotes""\nand lines",,12,5,400.0,3,250.6,30,157286400,0,abcdef0123456789');
    expect(content).toContain(`2,'=SUM(A1),1,a.gguf,error,,ENGINE_CRASHED: gone`);
  });

  it('keeps every answer inside its Markdown fence and reports failures', () => {
    const md = exportRun(run, 'markdown').content;
    expect(md).toContain('````text\nhas ``` fence, "quotes"\nand lines\n````');
    expect(md).toContain('> Line one\n> line two');
    expect(md).toContain('_failed: ENGINE_CRASHED gone_');
    expect(md).toContain('| a.gguf | 1 | 1 | 12 | 400.0 | 250.6 | 150.0 |');
  });

  it('exports the whole run as JSON', () => {
    const json = JSON.parse(exportRun(run, 'json').content) as { format: string; version: number; cells: unknown[]; models: Array<{ name: string }> };
    expect(json).toMatchObject({ format: 'caliper.suite-run', version: 1 });
    expect(json.cells).toHaveLength(2);
    expect(json.models[0]!.name).toBe('a.gguf');
  });
});
