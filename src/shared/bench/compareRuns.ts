import { benchTestName } from './testName';

interface ComparableResult {
  test: { nPrompt: number; nGen: number; depth: number };
  settings: { threads: number; batchSize: number; ubatchSize: number; flashAttention: boolean; kvCacheType: string; gpuLayers: number };
  avgTs: number;
  stddevTs: number;
}

export interface ComparedRow {
  /** Test name and the settings that differ from the usual ones, e.g. `tg128 · 4 threads · fa`. */
  key: string;
  name: string;
  settings: ComparableResult['settings'];
  a: { avgTs: number; stddevTs: number } | null;
  b: { avgTs: number; stddevTs: number } | null;
  /** (b − a) / a; null when either side lacks the measurement. */
  change: number | null;
}

export function settingsKey(s: ComparableResult['settings']): string {
  return `t${s.threads}/b${s.batchSize}/ub${s.ubatchSize}/fa${s.flashAttention ? 1 : 0}/${s.kvCacheType}/ngl${s.gpuLayers}`;
}

/**
 * Two runs side by side: results paired by test and settings, in A's order then B's extras, with
 * the change in speed from A to B.
 */
export function compareRuns(a: readonly ComparableResult[], b: readonly ComparableResult[]): ComparedRow[] {
  const keyOf = (r: ComparableResult) => `${benchTestName(r.test)}|${settingsKey(r.settings)}`;
  const rows = new Map<string, ComparedRow>();
  for (const [side, results] of [
    ['a', a],
    ['b', b],
  ] as const) {
    for (const r of results) {
      const key = keyOf(r);
      const row = rows.get(key) ?? { key, name: benchTestName(r.test), settings: r.settings, a: null, b: null, change: null };
      row[side] = { avgTs: r.avgTs, stddevTs: r.stddevTs };
      rows.set(key, row);
    }
  }
  for (const row of rows.values()) row.change = row.a && row.b && row.a.avgTs > 0 ? (row.b.avgTs - row.a.avgTs) / row.a.avgTs : null;
  return [...rows.values()];
}
