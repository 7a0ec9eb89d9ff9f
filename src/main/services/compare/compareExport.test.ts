import { describe, expect, it } from 'vitest';
import { CompareOptionsSchema, SamplingSchema, type CompareResult, type Comparison } from '../../../shared/contract';
import { exportComparison } from './compareExport';

const result = (round: number, position: number, output: string, extra: Partial<CompareResult> = {}): CompareResult => ({
  id: `${round}-${position}`,
  round,
  position,
  prompt: round === 1 ? 'Say hi' : '=SUM(A1)',
  output,
  reasoning: '',
  status: 'complete',
  error: null,
  stats: {
    ttftMs: 120.4,
    promptTokens: 5,
    promptTokensPerSecond: 41.67,
    generatedTokens: 8,
    generationTokensPerSecond: 12.34,
    durationMs: 800,
    stopReason: 'eos',
    model: { kind: 'local', path: position === 0 ? '/models/qwen2.gguf' : '/models/llama-mha.gguf' },
    remote: null,
    quantization: 'F32',
    gpuLayers: 0,
    contextSize: 4096,
    threads: 1,
  },
  peakRssBytes: 150 * 2 ** 20,
  settingsHash: position === 0 ? 'aaaaaaaaaaaaaaaa' : 'bbbbbbbbbbbbbbbb',
  runMode: 'parallel',
  warmUp: false,
  createdAt: Date.UTC(2026, 0, 2),
  ...extra,
});

function comparison(blind: boolean, revealed: boolean): Comparison {
  const pane = (position: number, path: string) => ({
    position,
    label: String.fromCharCode(65 + position),
    model: blind && !revealed ? null : ({ kind: 'local', path } as const),
    load: {},
    sampling: SamplingSchema.parse({}),
    systemPrompt: '',
    conversationId: `c${position}`,
    instanceId: null,
  });
  return {
    id: 'cmp',
    title: '',
    createdAt: Date.UTC(2026, 0, 2),
    updatedAt: Date.UTC(2026, 0, 2),
    options: CompareOptionsSchema.parse({ blind }),
    revealed,
    panes: [pane(0, '/models/qwen2.gguf'), pane(1, '/models/llama-mha.gguf')],
    results: [
      result(1, 1, 'Hello from B'),
      result(1, 0, 'Hello ```js\ncode\n``` from A'),
      result(2, 0, ''),
      result(2, 1, '', { status: 'error', error: { code: 'MODEL_NOT_LOADED', detail: 'not loaded' }, stats: null }),
    ],
    votes: revealed ? [{ round: 1, outcome: 'a', createdAt: Date.UTC(2026, 0, 2) }] : [],
  };
}

describe('comparison exports', () => {
  it('writes one CSV row per answer in round and pane order, formulas defused', () => {
    const { fileName, mimeType, content } = exportComparison(comparison(false, true), 'csv');
    expect(fileName).toBe('Side-by-side comparison 2026-01-02.csv');
    expect(mimeType).toBe('text/csv');
    const lines = content.trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^round,prompt,pane,model,status,output,error,ttft_ms,/);
    expect(lines).toHaveLength(5);
    expect(lines[1]).toMatch(
      /^1,Say hi,A,A · qwen2\.gguf,complete,"Hello ```js\ncode\n``` from A",,120,5,41\.7,8,12\.3,800,157286400,0,parallel,no,aaaaaaaaaaaaaaaa$/,
    );
    expect(lines[2]).toContain('B · llama-mha.gguf');
    expect(lines[3]!.startsWith("2,'=SUM(A1),A,")).toBe(true);
    expect(lines[4]).toContain('MODEL_NOT_LOADED: not loaded');
  });

  it('keeps every answer inside its Markdown fence, with the summary, the numbers and the vote', () => {
    const { content } = exportComparison(comparison(true, true), 'markdown');
    expect(content.startsWith('# Blind battle\n')).toBe(true);
    expect(content).toContain('| A · qwen2.gguf | 2 | 0 | 120 | 41.7 | 12.3 | 150.0 |');
    expect(content).toContain('````text\nHello ```js\ncode\n``` from A\n````');
    expect(content.match(/^## Round \d$/gm)).toEqual(['## Round 1', '## Round 2']);
    expect(content).toContain('_failed: MODEL_NOT_LOADED not loaded_');
    expect(content).toContain('Vote: A is better');
  });

  it('names nothing that could tell the sides of an unvoted battle apart', () => {
    const battle = comparison(true, false);
    for (const format of ['markdown', 'csv', 'json'] as const) {
      const { content } = exportComparison(battle, format);
      expect(content).not.toMatch(/qwen2|llama-mha|F32|157286400|150\.0|aaaaaaaa/);
      expect(content).toContain('Model A');
    }
  });

  it('exports the whole comparison as JSON', () => {
    const json = JSON.parse(exportComparison(comparison(false, true), 'json').content) as {
      format: string;
      version: number;
      panes: Array<{ model: { path: string } }>;
      results: Array<{ round: number; pane: number; status: string }>;
    };
    expect(json.format).toBe('caliper.comparison');
    expect(json.version).toBe(1);
    expect(json.panes.map((p) => p.model.path)).toEqual(['/models/qwen2.gguf', '/models/llama-mha.gguf']);
    expect(json.results.map((r) => [r.round, r.pane, r.status])).toEqual([
      [1, 0, 'complete'],
      [1, 1, 'complete'],
      [2, 0, 'complete'],
      [2, 1, 'error'],
    ]);
  });
});
