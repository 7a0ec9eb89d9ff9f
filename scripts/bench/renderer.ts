// `npm run bench:renderer`: the chat renderer in Debian's Chromium at 1000 tokens/s per pane, with
// 1 and 4 panes, batched per animation frame (the app's StreamBuffer) against a per-token baseline
// measured in the same run. Prints tokens delivered, long tasks (> 50 ms) and main-thread time.
import react from '@vitejs/plugin-react';
import { createServer } from 'node:http';
import { createReadStream, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { chromiumPath } from '../../e2e/support/chromium';
import type { BenchResult } from './renderer/result';

const here = fileURLToPath(new URL('.', import.meta.url));
const TPS = 1000;
const SECONDS = 3;

async function main(): Promise<void> {
  const outDir = mkdtempSync(join(tmpdir(), 'caliper-bench-renderer-'));
  await build({ root: join(here, 'renderer'), base: './', plugins: [react()], logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.woff2': 'font/woff2', '.woff': 'font/woff', '.ttf': 'font/ttf' };
  const server = createServer((req, res) => {
    const file = join(outDir, normalize(new URL(req.url ?? '/', 'http://x').pathname).replace(/^\/+/, '') || 'index.html');
    if (!file.startsWith(outDir) || !existsSync(file)) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });

  try {
    const ratios: number[] = [];
    for (const panes of [1, 4]) {
      const measured: Record<string, { taskMs: number; longest: number; over50: number; ok: boolean; delivered: string }> = {};
      for (const mode of ['token', 'frame']) {
        const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
        const cdp = await page.context().newCDPSession(page);
        await cdp.send('Performance.enable');
        await page.goto(`http://127.0.0.1:${port}/index.html?panes=${panes}&tps=${TPS}&seconds=${SECONDS}&mode=${mode}`);
        const before = await taskDuration(cdp);
        const read = () => (globalThis as unknown as { __benchResult?: BenchResult }).__benchResult;
        await page.waitForFunction(read, undefined, { timeout: 120_000, polling: 200 });
        const taskMs = ((await taskDuration(cdp)) - before) * 1000;
        const r = (await page.evaluate(read))!;
        if (!r.textMatches.every(Boolean)) console.log(`  rendered text (${mode}): ${r.sample}`);
        measured[mode] = {
          taskMs,
          longest: Math.max(0, ...r.longTasks),
          over50: r.longTasks.filter((d) => d > 50).length,
          ok: r.textMatches.every(Boolean) && r.deliveredTokens.every((n) => n === r.expectedTokens),
          delivered: `${Math.min(...r.deliveredTokens)}/${r.expectedTokens}`,
        };
        await page.close();
      }
      for (const [mode, m] of Object.entries(measured)) {
        console.log(
          `${panes} pane(s), ${mode === 'frame' ? 'per-frame batching' : 'per-token baseline'}: tokens ${m.delivered} per pane, text ${m.ok ? 'complete' : 'WRONG'}, main thread ${m.taskMs.toFixed(0)} ms, longest task ${m.longest.toFixed(0)} ms, tasks > 50 ms: ${m.over50}`,
        );
      }
      const ratio = measured.frame!.taskMs / measured.token!.taskMs;
      ratios.push(ratio);
      console.log(`${panes} pane(s): main-thread time, per-frame / per-token: ${ratio.toFixed(2)}\n`);
      if (!measured.frame!.ok) process.exitCode = 1;
    }
  } finally {
    await browser.close();
    server.close();
    rmSync(outDir, { recursive: true, force: true });
  }
}

async function taskDuration(cdp: { send(method: 'Performance.getMetrics'): Promise<{ metrics: Array<{ name: string; value: number }> }> }): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0;
}

void main();
