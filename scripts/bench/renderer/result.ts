/** What the benchmark page leaves on `window.__benchResult` for the runner to read. */
export interface BenchResult {
  mode: string;
  panes: number;
  expectedTokens: number;
  deliveredTokens: number[];
  textMatches: boolean[];
  sample: string;
  longTasks: number[];
  wallMs: number;
}
