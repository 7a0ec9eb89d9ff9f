// Sends tokens to the page at a fixed rate, one message per token per pane, from another thread:
// the page's main thread sees what it would see from a WebSocket, and nothing else.
const worker = self as unknown as {
  onmessage: (event: { data: { panes: number; tps: number; total: number } }) => void;
  postMessage(message: unknown): void;
};

worker.onmessage = (event) => {
  const { panes, tps, total } = event.data;
  const start = performance.now();
  let sent = 0;
  const tick = () => {
    const due = Math.min(total, Math.floor(((performance.now() - start) / 1000) * tps));
    for (; sent < due; sent++) for (let p = 0; p < panes; p++) worker.postMessage({ pane: p, index: sent });
    if (sent < total) setTimeout(tick, 1);
    else worker.postMessage({ done: true });
  };
  tick();
};
