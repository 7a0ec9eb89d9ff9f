import type { BenchRun } from '../../../shared/contract';
import { settingsKey } from '../../../shared/bench/compareRuns';

export interface HistorySeries {
  key: string;
  name: string;
  settings: BenchRun['results'][number]['settings'];
  /** One value per run (tok/s), null where the run did not measure it. */
  values: Array<number | null>;
}

/**
 * A model's history on one machine: its finished runs oldest first, and one series per test and
 * settings measured in any of them.
 */
export function historySeries(runs: readonly BenchRun[], machineId: string): { runs: BenchRun[]; series: HistorySeries[] } {
  const chosen = runs
    .filter((r) => r.machine.id === machineId && r.status !== 'running' && r.results.length > 0)
    .sort((a, b) => a.startedAt - b.startedAt);
  const series = new Map<string, HistorySeries>();
  chosen.forEach((run, index) => {
    for (const r of run.results) {
      const key = `${r.name}|${settingsKey(r.settings)}`;
      let s = series.get(key);
      if (!s) {
        s = { key, name: r.name, settings: r.settings, values: chosen.map(() => null) };
        series.set(key, s);
      }
      s.values[index] = r.avgTs;
    }
  });
  return { runs: chosen, series: [...series.values()] };
}
