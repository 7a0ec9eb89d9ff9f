import { useCallback, useRef, useState } from 'react';
import type { BenchEvent, BenchResult, BenchRun, BenchStartInput } from '../../../shared/contract';
import { useClient } from '../../state/appStore';

type Progress = Extract<BenchEvent, { type: 'progress' }>;

export interface BenchRunState {
  running: boolean;
  runId: string | null;
  progress: Progress | null;
  results: BenchResult[];
  /** Other models generated during a measurement. */
  disturbed: boolean;
  finished: BenchRun | null;
  cancelled: boolean;
  problem: unknown;
}

const idle: BenchRunState = { running: false, runId: null, progress: null, results: [], disturbed: false, finished: null, cancelled: false, problem: null };

/** One run at a time from this view: streams its events into state; `cancel` stops it (what was measured is kept). */
export function useBenchRun(onFinished: () => void) {
  const client = useClient();
  const [state, setState] = useState<BenchRunState>(idle);
  const controller = useRef<AbortController | null>(null);

  const start = useCallback(
    async (input: BenchStartInput) => {
      const abort = new AbortController();
      controller.current = abort;
      setState({ ...idle, running: true });
      try {
        const events = await client.bench.start(input, { signal: abort.signal });
        for await (const e of events) {
          setState((s) => {
            switch (e.type) {
              case 'started':
                return { ...s, runId: e.run.id, progress: { type: 'progress', done: 0, total: e.total, phase: 'load', name: null, settings: null, repetition: null } };
              case 'progress':
                return { ...s, progress: e };
              case 'warning':
                return { ...s, disturbed: true };
              case 'result':
                return { ...s, results: [...s.results, e.result], progress: s.progress && { ...s.progress, done: s.progress.done + 1 } };
              case 'finished':
                return { ...s, finished: e.run, cancelled: e.run.status === 'cancelled', progress: s.progress && { ...s.progress, done: e.run.results.length } };
            }
          });
        }
      } catch (error) {
        if (!abort.signal.aborted) setState((s) => ({ ...s, problem: error }));
        else setState((s) => ({ ...s, cancelled: true }));
      } finally {
        controller.current = null;
        // The last progress stays shown ("4 of 4 measured") until the next run.
        setState((s) => ({ ...s, running: false }));
        onFinished();
      }
    },
    [client, onFinished],
  );

  const cancel = useCallback(() => {
    const runId = state.runId;
    // Ask the service first, so the run ends as `cancelled` with its results; then stop listening.
    if (runId) void client.bench.cancel({ runId }).catch(() => controller.current?.abort());
    else controller.current?.abort();
  }, [client, state.runId]);

  return { state, start, cancel };
}
