// @vitest-environment happy-dom
import { MantineProvider } from '@mantine/core';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CompareOptionsSchema, SamplingSchema, type CompareResult, type Comparison, type Pane } from '../../../shared/contract';
import { useAppStore } from '../../state/appStore';
import { i18n } from '../../platform/i18n';
import type { CaliperClient } from '../../platform/rpcClient';
import { ComparePane } from './ComparePane/ComparePane';
import { withChanges } from '../../state/loadSettingsStore';
import { applyCompareEvent, everyPaneChosen, updatePane, useCompareStore } from './compareStore';

const pane = {
  position: 0,
  label: 'A',
  model: { kind: 'local' as const, path: '/models/thinker.gguf' },
  load: {},
  sampling: SamplingSchema.parse({}),
  systemPrompt: '',
  conversationId: 'c0',
  instanceId: null,
};

const comparison: Comparison = {
  id: 'cmp',
  title: '',
  createdAt: 0,
  updatedAt: 0,
  options: CompareOptionsSchema.parse({}),
  revealed: true,
  panes: [pane],
  results: [],
  votes: [],
};

const result = (extra: Partial<CompareResult>): CompareResult => ({
  id: 'r1',
  round: 1,
  position: 0,
  prompt: 'Why?',
  output: 'Because.',
  reasoning: '',
  status: 'complete',
  error: null,
  stats: null,
  peakRssBytes: null,
  settingsHash: null,
  runMode: 'parallel',
  warmUp: false,
  createdAt: 0,
  ...extra,
});

beforeEach(() => {
  vi.useFakeTimers();
  useCompareStore.setState({ current: comparison, live: {}, loads: {}, sending: true, models: [] });
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  useCompareStore.setState({ current: null, live: {}, sending: false });
  useAppStore.setState({ client: null });
});

describe('Compare keeps reasoning', () => {
  it('batches thought and text per frame into the pane, and the result keeps the reasoning', () => {
    applyCompareEvent({ type: 'round', round: 1, prompt: 'Why?' });
    applyCompareEvent({ type: 'started', position: 0 });
    applyCompareEvent({ type: 'delta', position: 0, segment: 'thought', text: 'Hmm, ' });
    applyCompareEvent({ type: 'delta', position: 0, segment: 'thought', text: 'let me see.' });
    applyCompareEvent({ type: 'delta', position: 0, segment: 'text', text: 'Because' });
    // Batched: nothing but the first-token time until the next frame.
    expect(useCompareStore.getState().live[0]).toMatchObject({ text: '', reasoning: '' });
    expect(useCompareStore.getState().live[0]?.firstAt).not.toBeNull();
    vi.advanceTimersByTime(300);
    expect(useCompareStore.getState().live[0]).toMatchObject({ phase: 'streaming', text: 'Because', reasoning: 'Hmm, let me see.' });

    // Text still buffered when the result arrives lands before the result replaces the live pane.
    applyCompareEvent({ type: 'delta', position: 0, segment: 'text', text: '.' });
    applyCompareEvent({ type: 'result', result: result({ reasoning: 'Hmm, let me see.' }) });
    const state = useCompareStore.getState();
    expect(state.live[0]).toBeUndefined();
    expect(state.current?.results[0]).toMatchObject({ output: 'Because.', reasoning: 'Hmm, let me see.' });
    vi.advanceTimersByTime(300);
    expect(useCompareStore.getState().live[0]).toBeUndefined();
  });

  it('shows the reasoning of a streaming and of a recorded answer with the chat thought block', async () => {
    await i18n.changeLanguage('en');
    useAppStore.setState({ client: {} as unknown as CaliperClient });
    const view = () => (
      <I18nextProvider i18n={i18n}>
        <MantineProvider env="test">
          <ComparePane pane={pane} hidden={false} blind={false} />
        </MantineProvider>
      </I18nextProvider>
    );
    const { rerender } = render(view());
    act(() => {
      applyCompareEvent({ type: 'started', position: 0 });
      applyCompareEvent({ type: 'delta', position: 0, segment: 'thought', text: 'Pondering' });
      vi.advanceTimersByTime(300);
    });
    expect(screen.getByTestId('thought-toggle').textContent).toContain('Thinking…');

    act(() => applyCompareEvent({ type: 'result', result: result({ reasoning: 'Pondering deeply' }) }));
    rerender(view());
    expect(screen.getByTestId('pane-0-round')).toBeTruthy();
    const toggle = screen.getByTestId('thought-toggle');
    expect(toggle.textContent).toContain('Thought');
    expect(screen.getByTestId('pane-0-round').contains(toggle)).toBe(true);
    // Mantine's Collapse opens on real frames.
    vi.useRealTimers();
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect((await screen.findByTestId('thought-content')).textContent).toBe('Pondering deeply');
  });
});

describe('Send to all', () => {
  const local = { ...pane, model: { kind: 'local', path: '/m/a.gguf' } } as Pane;
  const remote = { ...pane, model: { kind: 'remote', connectionId: 'gpu-box', model: 'm' } } as Pane;
  const none = { ...pane, model: null } as Pane;

  it('waits while a pane has no model; loaded or not does not matter (the round loads what is not)', () => {
    expect(everyPaneChosen([local, none], false)).toBe(false);
    expect(everyPaneChosen([local, remote], false)).toBe(true);
    expect(everyPaneChosen([], false)).toBe(false);
  });

  it("counts a blind battle's hidden sides as chosen", () => {
    expect(everyPaneChosen([none, none], true)).toBe(true);
  });
});

describe('Pane settings', () => {
  /** A host that answers each pane change when the test says so, keeping what it was sent. */
  function slowHost() {
    const sent: Array<{ position: number; load?: unknown }> = [];
    const answers: Array<() => void> = [];
    let kept = comparison;
    const client = {
      compare: {
        updatePane: ({ id: _id, position, ...patch }: { id: string; position: number; load?: Pane['load'] }) => {
          sent.push({ position, ...patch });
          return new Promise<Comparison>((resolve) =>
            answers.push(() => {
              kept = { ...kept, panes: kept.panes.map((p) => (p.position === position && patch.load ? { ...p, load: patch.load } : p)) };
              resolve(kept);
            }),
          );
        },
      },
    } as unknown as CaliperClient;
    return { client, sent, answers };
  }
  const shownLoad = () => useCompareStore.getState().current?.panes[0]?.load;
  // As the load form does: the whole choice, built from what the pane shows now.
  const change = (client: CaliperClient, changes: Parameters<typeof withChanges>[1]) =>
    updatePane(client, 0, { load: withChanges(shownLoad()!, changes) });

  it('a second change made before the host answers the first keeps the first', async () => {
    vi.useRealTimers();
    const { client, sent, answers } = slowHost();
    const first = change(client, { batchSize: 256 });
    expect(shownLoad()).toEqual({ batchSize: 256 });
    const second = change(client, { kvCacheType: 'Q8_0' });
    expect(shownLoad()).toEqual({ batchSize: 256, kvCacheType: 'Q8_0' });

    // One at a time, in order; the first answer does not undo the second change on screen.
    await vi.waitFor(() => expect(answers).toHaveLength(1));
    answers[0]!();
    await first;
    expect(shownLoad()).toEqual({ batchSize: 256, kvCacheType: 'Q8_0' });
    await vi.waitFor(() => expect(answers).toHaveLength(2));
    answers[1]!();
    await second;
    expect(sent.map((s) => s.load)).toEqual([{ batchSize: 256 }, { batchSize: 256, kvCacheType: 'Q8_0' }]);
    expect(shownLoad()).toEqual({ batchSize: 256, kvCacheType: 'Q8_0' });
  });

  it("a refused change gives way to the host's settings", async () => {
    vi.useRealTimers();
    const client = {
      compare: {
        updatePane: () => Promise.reject(new Error('refused')),
        get: () => Promise.resolve(comparison),
      },
    } as unknown as CaliperClient;
    await change(client, { batchSize: 256 });
    expect(shownLoad()).toEqual({});
    expect(useCompareStore.getState().error).toBeInstanceOf(Error);
  });
});
