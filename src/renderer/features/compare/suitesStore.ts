import { create } from 'zustand';
import type { PaneConfigInput, Suite, SuiteExportFormat, SuiteRun, SuiteRunSummary } from '../../../shared/contract';
import type { CaliperClient } from '../../platform/rpcClient';
import { saveFile } from '../../platform/saveFile';
import { attemptWith } from './attempt';

interface SuitesState {
  suites: Suite[] | null;
  runs: SuiteRunSummary[] | null;
  /** The run whose result matrix is shown. */
  open: SuiteRun | null;
  error: unknown;
}

export const useSuitesStore = create<SuitesState>()(() => ({ suites: null, runs: null, open: null, error: null }));
const set = useSuitesStore.setState;
const get = useSuitesStore.getState;

/** Runs a call; a failure lands in `error` (shown in the view) and is returned as null. */
const attempt = attemptWith((error) => set({ error }));

export function dismissSuitesError(): void {
  set({ error: null });
}

export async function refreshSuites(client: CaliperClient): Promise<void> {
  const suites = await attempt(() => client.suites.list());
  if (suites) set({ suites });
}

/** Follows every run's progress while the suites panel is shown; the open run refreshes as cells land. */
export async function watchRuns(client: CaliperClient, signal: AbortSignal): Promise<void> {
  try {
    for await (const runs of await client.suites.onDidChange(undefined, { signal })) {
      set({ runs });
      const open = get().open;
      const summary = open && runs.find((r) => r.id === open.id);
      if (summary && (summary.done !== open.done || summary.failed !== open.failed || summary.status !== open.status)) {
        await openRun(client, open.id);
      }
    }
  } catch {
    // A dropped connection is reported by the client's interceptor; the panel watches again.
  }
}

export async function saveSuite(client: CaliperClient, input: { id?: string; name: string; prompts: string[] }): Promise<Suite | null> {
  const suite = await attempt(() => client.suites.save(input));
  if (suite) await refreshSuites(client);
  return suite;
}

export async function deleteSuite(client: CaliperClient, id: string): Promise<void> {
  await attempt(() => client.suites.delete({ id }));
  await refreshSuites(client);
}

export async function startRun(client: CaliperClient, suiteId: string, models: PaneConfigInput[], warmUp: boolean): Promise<void> {
  const run = await attempt(() => client.suites.start({ suiteId, models, warmUp }));
  if (run) await openRun(client, run.id);
}

export async function openRun(client: CaliperClient, runId: string): Promise<void> {
  const run = await attempt(() => client.suites.get({ runId }));
  if (run) set({ open: run });
}

export function closeRun(): void {
  set({ open: null });
}

export async function cancelRun(client: CaliperClient, runId: string): Promise<void> {
  await attempt(() => client.suites.cancel({ runId }));
}

export async function resumeRun(client: CaliperClient, runId: string): Promise<void> {
  await attempt(() => client.suites.resume({ runId }));
}

export async function deleteRun(client: CaliperClient, runId: string): Promise<void> {
  await attempt(() => client.suites.deleteRun({ runId }));
  if (get().open?.id === runId) set({ open: null });
}

export async function exportRun(client: CaliperClient, runId: string, format: SuiteExportFormat): Promise<void> {
  const file = await attempt(() => client.suites.export({ runId, format }));
  if (file) saveFile(file);
}
