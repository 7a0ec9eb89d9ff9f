import { create } from 'zustand';
import {
  LoadSettingsPatchSchema,
  type CompareEvent,
  type CompareOptions,
  type Comparison,
  type ComparisonSummary,
  type ModelFile,
  type Pane,
  type PaneConfigInput,
  type VoteOutcome,
} from '../../../shared/contract';
import { compareHref, navigate } from '../../state/routes';
import type { CaliperClient } from '../../platform/rpcClient';
import { saveFile } from '../../platform/saveFile';
import { StreamBuffer, type StreamChunk } from '../../platform/streamBuffer';
import { attemptWith } from './attempt';

/** What a pane shows while a round runs (results arrive in `comparison.results`). */
export interface LivePane {
  phase: 'waiting' | 'warmup' | 'streaming';
  text: string;
  /** The model's reasoning so far, shown like Chat's "thought". */
  reasoning: string;
  /** When this window saw the pane start and its first text (performance.now()). */
  startedAt: number | null;
  firstAt: number | null;
}

export interface PaneLoad {
  progress: number;
  running: boolean;
  error: unknown;
}

export type CompareTab = 'compare' | 'saved' | 'leaderboard' | 'suites';

interface CompareState {
  tab: CompareTab;
  /** Bumped by "New blind battle": the battle form takes the focus. */
  blindFocus: number;
  list: ComparisonSummary[] | null;
  current: Comparison | null;
  /** Library files that are models, for the pane pickers. */
  models: ModelFile[] | null;
  /** Keyed by position, only during a round. */
  live: Record<number, LivePane>;
  sending: boolean;
  loads: Record<number, PaneLoad>;
  error: unknown;
}

export const useCompareStore = create<CompareState>()(() => ({
  tab: 'compare',
  blindFocus: 0,
  list: null,
  current: null,
  models: null,
  live: {},
  sending: false,
  loads: {},
  error: null,
}));

const set = useCompareStore.setState;
const get = useCompareStore.getState;
let sendController: AbortController | null = null;
const loadControllers = new Map<number, AbortController>();

/** Runs a call; a failure lands in `error` (shown in the view) and is returned as null. */
const attempt = attemptWith((error) => set({ error }));

/** Back to the "new comparison" form. */
export function closeComparison(): void {
  sendController?.abort();
  restored = true;
  set({ current: null, live: {}, loads: {}, error: null });
}

export function setTab(tab: CompareTab): void {
  set({ tab });
}

export function focusBlindForm(): void {
  set((s) => ({ blindFocus: s.blindFocus + 1 }));
}

/** A comparison worth listing: one with answers (an empty one is a form never used). */
export function hasRounds(summary: ComparisonSummary): boolean {
  return summary.rounds > 0;
}

/** The newest blind battle still waiting for its vote, if any. */
export function unvotedBattle(list: readonly ComparisonSummary[]): ComparisonSummary | null {
  return list.find((c) => c.blind && !c.revealed && c.rounds > 0) ?? null;
}

// Whether this window already reopened (or chose not to reopen) a battle waiting for its vote.
let restored = false;

/**
 * Opening Compare without a comparison in the address (a reload, the rail): a blind battle that
 * still waits for its vote comes back, once per window, so it cannot be lost.
 */
export function takeBattleToRestore(): ComparisonSummary | null {
  const { list, current } = get();
  if (restored || !list || current) return null;
  restored = true;
  return unvotedBattle(list);
}

export function dismissError(): void {
  set({ error: null });
}

export async function refreshList(client: CaliperClient): Promise<void> {
  const list = await attempt(() => client.compare.list());
  if (list) set({ list });
}

export async function refreshModels(client: CaliperClient): Promise<void> {
  const snapshot = await attempt(() => client.library.list());
  if (!snapshot) return;
  const models = snapshot.files
    .filter((f) => f.facts?.kind === 'model' && !f.problem)
    .sort((a, b) => a.relativePath.localeCompare(b.relativePath));
  set({ models });
}

function show(comparison: Comparison): void {
  set({ current: comparison });
}

export async function openComparison(client: CaliperClient, id: string): Promise<void> {
  restored = true;
  if (get().current?.id === id) return;
  sendController?.abort();
  set({ live: {}, loads: {}, sending: false });
  const comparison = await attempt(() => client.compare.get({ id }));
  if (comparison) show(comparison);
}

export async function reloadCurrent(client: CaliperClient): Promise<void> {
  const id = get().current?.id;
  if (!id) return;
  const comparison = await attempt(() => client.compare.get({ id }));
  if (comparison) show(comparison);
}

export async function createComparison(
  client: CaliperClient,
  panes: PaneConfigInput[],
  options: Partial<CompareOptions>,
): Promise<Comparison | null> {
  const comparison = await attempt(() => client.compare.create({ panes, options }));
  if (!comparison) return null;
  set({ live: {}, loads: {}, current: comparison });
  navigate(compareHref(comparison.id), { replace: true });
  void refreshList(client);
  return comparison;
}

export async function updateOptions(client: CaliperClient, patch: Partial<CompareOptions>): Promise<void> {
  const id = get().current?.id;
  if (!id) return;
  const comparison = await attempt(() => client.compare.update({ id, options: patch }));
  if (comparison) show(comparison);
}

export async function setPaneCount(client: CaliperClient, count: number): Promise<void> {
  const id = get().current?.id;
  if (!id) return;
  const comparison = await attempt(() => client.compare.setPaneCount({ id, count }));
  if (comparison) show(comparison);
}

type PanePatch = Parameters<CaliperClient['compare']['updatePane']>[0] extends infer P ? Omit<P, 'id' | 'position'> : never;

// Pane changes reach the host one at a time, in the order they were made.
let paneUpdates: Promise<void> = Promise.resolve();
let lastPaneUpdate = 0;

/**
 * Changes a pane's settings. The change shows at once: the load form sends whole settings built
 * from what it shows, so a second change made before the host answers must build on the first,
 * or it would undo it. The host's answer replaces the guess only when no later change waits.
 */
export function updatePane(client: CaliperClient, position: number, patch: PanePatch): Promise<void> {
  const current = get().current;
  if (!current) return Promise.resolve();
  const { id } = current;
  set({ current: { ...current, panes: current.panes.map((p) => (p.position === position ? withPanePatch(p, patch) : p)) } });
  const turn = ++lastPaneUpdate;
  const run = paneUpdates.then(async () => {
    const comparison = await attempt(() => client.compare.updatePane({ id, position, ...patch }));
    if (turn !== lastPaneUpdate || get().current?.id !== id) return;
    if (comparison) show(comparison);
    // Refused: the host's state replaces the guess.
    else await reloadCurrent(client);
  });
  paneUpdates = run;
  return run;
}

/** A pane as the host will keep it after `patch` (sampling merges, load settings replace). */
function withPanePatch(pane: Pane, patch: PanePatch): Pane {
  return {
    ...pane,
    ...(patch.model !== undefined ? { model: patch.model } : {}),
    ...(patch.load ? { load: LoadSettingsPatchSchema.parse(patch.load) } : {}),
    ...(patch.sampling ? { sampling: { ...pane.sampling, ...patch.sampling } } : {}),
    ...(patch.systemPrompt !== undefined ? { systemPrompt: patch.systemPrompt } : {}),
  };
}

function setLoad(position: number, load: PaneLoad | null): void {
  set((s) => {
    const loads = { ...s.loads };
    if (load) loads[position] = load;
    else delete loads[position];
    return { loads };
  });
}

/** Loads (or restarts) a pane's model; a refusal (will not fit…) stays on the pane with its reason. */
export async function loadPane(client: CaliperClient, position: number): Promise<void> {
  const id = get().current?.id;
  if (!id) return;
  loadControllers.get(position)?.abort();
  const controller = new AbortController();
  loadControllers.set(position, controller);
  setLoad(position, { progress: 0, running: true, error: null });
  try {
    for await (const e of await client.compare.loadPane({ id, position }, { signal: controller.signal })) {
      if (e.type === 'progress') setLoad(position, { progress: e.progress, running: true, error: null });
    }
    setLoad(position, null);
  } catch (error) {
    setLoad(position, controller.signal.aborted ? null : { progress: 0, running: false, error });
  } finally {
    if (loadControllers.get(position) === controller) loadControllers.delete(position);
    if (get().current?.id === id) await reloadCurrent(client);
  }
}

export function cancelPaneLoad(position: number): void {
  loadControllers.get(position)?.abort();
  setLoad(position, null);
}

export async function unloadPane(client: CaliperClient, position: number): Promise<void> {
  const id = get().current?.id;
  if (!id) return;
  await attempt(() => client.compare.unloadPane({ id, position }));
  await reloadCurrent(client);
}

const idle: LivePane = { phase: 'waiting', text: '', reasoning: '', startedAt: null, firstAt: null };

/** Text and reasoning that reached the store since the last frame, keyed by pane position. */
function applyChunks(batch: Map<string, StreamChunk>): void {
  set((s) => {
    const live = { ...s.live };
    for (const [key, chunk] of batch) {
      const position = Number(key);
      const pane = live[position] ?? { ...idle, phase: 'streaming' as const };
      live[position] = { ...pane, phase: 'streaming', text: pane.text + chunk.text, reasoning: pane.reasoning + chunk.thought };
    }
    return { live };
  });
}

/**
 * Streamed text reaches the store once per animation frame for all panes together (the buffer
 * Chat uses): four tiny models can write thousands of tokens a second, and one store update per
 * token would starve the page.
 */
let buffer: StreamBuffer | null = null;
const streamBuffer = () => (buffer ??= new StreamBuffer({ onFlush: applyChunks }));

/** Feeds one event of a round into the store. Exported for tests; `broadcast` is the caller. */
export function applyCompareEvent(e: CompareEvent): void {
  // A pane's result replaces its live text, so what is still buffered must land first (or be lost).
  if (e.type === 'result' && buffer?.hasPending) buffer.flush();
  set((s) => {
    if (!s.current) return s;
    switch (e.type) {
      case 'round':
        return { live: Object.fromEntries(s.current.panes.map((p) => [p.position, { ...idle, phase: 'waiting' } as LivePane])) };
      case 'loading':
        // Sending loaded a pane that was not loaded yet: its load bar shows it.
        return { loads: { ...s.loads, [e.position]: { progress: e.progress, running: e.progress < 1, error: null } } };
      case 'warmup':
        return { live: { ...s.live, [e.position]: { ...idle, phase: 'warmup' } } };
      case 'started':
        return { live: { ...s.live, [e.position]: { ...idle, phase: 'streaming', startedAt: performance.now() } } };
      case 'delta': {
        streamBuffer().push(String(e.position), e.segment, e.text);
        const pane = s.live[e.position] ?? { ...idle, phase: 'streaming' };
        // Only the first output changes state at once (the live time to first token).
        return pane.firstAt !== null ? s : { live: { ...s.live, [e.position]: { ...pane, firstAt: performance.now() } } };
      }
      case 'result': {
        const live = { ...s.live };
        delete live[e.result.position];
        return { live, current: { ...s.current, results: [...s.current.results, e.result] } };
      }
    }
  });
}

/** Ends a round's streaming: nothing buffered may reach panes after their results. */
function dropBuffered(): void {
  buffer?.dispose();
  buffer = null;
}

/**
 * Whether a round can start: every pane has its model (a battle's hidden sides always have one).
 * The round loads the panes not loaded yet first, each through the fit check with its progress; a
 * pane that cannot load stops the round with its reason before anything is saved.
 */
export function everyPaneChosen(panes: readonly Pane[], hidden: boolean): boolean {
  return panes.length > 0 && panes.every((p) => hidden || p.model !== null);
}

/** Sends one prompt to every pane and follows all of them until each has its result. */
export async function broadcast(client: CaliperClient, content: string): Promise<void> {
  const id = get().current?.id;
  if (!id || get().sending) return;
  const controller = new AbortController();
  sendController = controller;
  set({ sending: true, error: null });
  try {
    for await (const e of await client.compare.send({ id, content }, { signal: controller.signal })) {
      if (get().current?.id !== id) break;
      applyCompareEvent(e);
    }
  } catch (error) {
    if (!controller.signal.aborted) {
      set({ error });
    }
  } finally {
    if (sendController === controller) sendController = null;
    dropBuffered();
    set({ sending: false, live: {} });
    if (get().current?.id === id) await reloadCurrent(client);
    void refreshList(client);
  }
}

/** Stops every pane; the round's stream stays open, so each pane's result still arrives. */
export async function stopBroadcast(client: CaliperClient): Promise<void> {
  const id = get().current?.id;
  if (id && get().sending) await attempt(() => client.compare.stop({ id }));
}

export async function vote(client: CaliperClient, round: number, outcome: VoteOutcome): Promise<boolean> {
  const id = get().current?.id;
  if (!id) return false;
  const comparison = await attempt(() => client.compare.vote({ id, round, outcome }));
  if (comparison) show(comparison);
  void refreshList(client);
  return comparison !== null;
}

export async function deleteComparison(client: CaliperClient, id: string): Promise<void> {
  await attempt(() => client.compare.delete({ id }));
  if (get().current?.id === id) set({ current: null, live: {}, loads: {} });
  await refreshList(client);
}

/** Saves the comparison shown as a file (Markdown, CSV or JSON) through the browser's download. */
export async function exportCurrent(client: CaliperClient, format: 'markdown' | 'csv' | 'json'): Promise<void> {
  const id = get().current?.id;
  if (!id) return;
  const file = await attempt(() => client.compare.export({ id, format }));
  if (file) saveFile(file);
}
