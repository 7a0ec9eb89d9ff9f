// The renderer benchmark page: N panes, each fed synthetic deltas at a fixed token rate, rendered
// by the app's own Markdown component. `mode=frame` batches through the app's StreamBuffer (one
// update per animation frame); `mode=token` sets state per token, the naive baseline.
import '@mantine/core/styles.css';
import { MantineProvider } from '@mantine/core';
import { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { Markdown } from '../../../src/renderer/ui/Markdown/Markdown';
import { StreamBuffer } from '../../../src/renderer/platform/streamBuffer';
import { i18n } from '../../../src/renderer/platform/i18n';
import type { BenchResult } from './result';

const params = new URLSearchParams(location.search);
const panes = Number(params.get('panes') ?? 1);
const tps = Number(params.get('tps') ?? 1000);
const seconds = Number(params.get('seconds') ?? 3);
const mode = params.get('mode') === 'token' ? 'token' : 'frame';
const total = Math.round(tps * seconds);

const words = ['the', 'model', 'writes', 'tokens', 'quickly', 'and', 'every', 'one', 'must', 'arrive'];
/** Token i of every pane: words, a paragraph break every 40 tokens. */
const token = (i: number) => (i % 40 === 39 ? `${words[i % words.length]}.\n\n` : `${words[i % words.length]} `);

declare global {
  interface Window {
    __benchResult?: BenchResult;
  }
}

const longTasks: Array<{ startTime: number; duration: number }> = [];
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) longTasks.push({ startTime: e.startTime, duration: e.duration });
}).observe({ type: 'longtask', buffered: true });

const setters: Array<(update: (s: string) => string) => void> = [];

function Pane({ index }: { index: number }) {
  const [text, setText] = useState('');
  useEffect(() => {
    setters[index] = setText;
  }, [index]);
  return (
    <div style={{ flex: 1, overflow: 'auto', height: '100vh', padding: 8 }} data-pane={index}>
      <Markdown text={text} streaming />
    </div>
  );
}

function App() {
  return (
    <div style={{ display: 'flex' }}>
      {Array.from({ length: panes }, (_, i) => (
        <Pane key={i} index={i} />
      ))}
    </div>
  );
}

createRoot(document.getElementById('root')!).render(
  <I18nextProvider i18n={i18n}>
    <MantineProvider>
      <App />
    </MantineProvider>
  </I18nextProvider>,
);

function run(): void {
  const runStart = performance.now();
  const delivered = Array.from({ length: panes }, () => 0);
  const buffer = new StreamBuffer({
    onFlush: (batch) => {
      for (const [id, chunk] of batch) setters[Number(id)]?.((s) => s + chunk.text);
    },
  });
  const producer = new Worker(new URL('./producer.ts', import.meta.url), { type: 'module' });
  producer.onmessage = (event: MessageEvent<{ pane: number; index: number } | { done: true }>) => {
    if ('done' in event.data) return finish();
    const { pane, index } = event.data;
    delivered[pane]!++;
    if (mode === 'frame') buffer.push(String(pane), 'text', token(index));
    else setters[pane]?.((s) => s + token(index));
  };
  producer.postMessage({ panes, tps, total });

  function finish() {
    producer.terminate();
    buffer.flush();
    const expected = Array.from({ length: total }, (_, i) => token(i)).join('');
    // Paragraphs become block elements: compare the words, not the whitespace between them.
    const normalise = (s: string) => s.replace(/\s+/g, '');
    // Two frames for React to commit the last update.
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        const texts = Array.from({ length: panes }, (_, p) => normalise(document.querySelector(`[data-pane="${p}"]`)?.textContent ?? ''));
        window.__benchResult = {
          mode,
          panes,
          expectedTokens: total,
          deliveredTokens: delivered,
          textMatches: texts.map((t) => t === normalise(expected)),
          sample: texts[0]!.slice(0, 200) + ' … ' + texts[0]!.slice(-120),
          longTasks: longTasks.filter((t) => t.startTime >= runStart).map((t) => t.duration),
          wallMs: performance.now() - runStart,
        };
      }),
    );
  }
}

setTimeout(run, 500);
