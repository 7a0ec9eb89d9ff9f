import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { populatedModelsDir, removeDir, startHost, tempDir, type Host } from '../support/host';

/**
 * Compare end to end, as a new user would: two generated models in two engine processes, one
 * prompt to both, a follow-up, a blind vote that moves the leaderboard, and a small prompt suite
 * exported and read back.
 */

let host: Host;
let qwen: string;
let mha: string;

test.use({ locale: 'en-US' });
// A whole journey through real engine processes on two cores: give it room.
test.describe.configure({ mode: 'serial', timeout: 170_000 });

test.beforeAll(async () => {
  const models = await populatedModelsDir();
  host = await startHost({ dataDir: tempDir(), modelsDir: models.dir });
  qwen = `${models.dir}/qwen2.gguf`;
  mha = `${models.dir}/llama-mha.gguf`;
});
test.afterAll(async () => {
  await host.stop();
  removeDir(host.dataDir);
  removeDir(host.modelsDir);
});

/** Sampling through the pane's settings popover, as a user would set it. */
async function setSampling(page: Page, position: number, values: Record<string, number>): Promise<void> {
  await page.getByTestId(`pane-${position}-settings-toggle`).click();
  for (const [field, value] of Object.entries(values)) {
    await page.getByTestId(`pane-${position}-${field}`).fill(String(value));
    await page.getByTestId(`pane-${position}-${field}`).blur();
  }
  await page.keyboard.press('Escape');
}

async function download(page: Page, testId: string): Promise<string> {
  const file = page.waitForEvent('download');
  await page.getByTestId(testId).click();
  return readFileSync((await (await file).path())!, 'utf8');
}

test('broadcast to two models, follow up, vote blind, run a suite and export it', async ({ page }) => {
  // The host can be made to answer slowly, as on a busy machine; its messages keep their order.
  let slowHost = false;
  await page.routeWebSocket(/\/rpc$/, (ws) => {
    const server = ws.connectToServer();
    let delivered = Promise.resolve();
    server.onMessage((message) => {
      const delay = slowHost ? 400 : 0;
      delivered = delivered.then(() => new Promise((resolve) => setTimeout(resolve, delay))).then(() => ws.send(message));
    });
  });
  await page.goto(`${host.url}#/compare`);
  await expect(page.getByTestId('nav-compare')).toHaveAttribute('aria-current', 'page');

  // Side by side: two panes, a model each, loaded in their own engines.
  await page.getByTestId('start-comparison').click();
  await expect(page.getByTestId('compare-workspace')).toBeVisible();
  await page.getByTestId('pane-0-model').selectOption(qwen);
  // Nothing is sent while a pane has no model: the button says why it waits.
  await page.getByTestId('compare-composer').fill('Too early');
  await expect(page.getByTestId('compare-send')).toBeDisabled();
  await expect(page.getByTestId('compare-send-hint')).toHaveAttribute('data-reason', 'no-model');
  await page.getByTestId('compare-composer').press('Enter');
  await expect(page.getByTestId('pane-0-round')).toHaveCount(0);
  await page.getByTestId('compare-composer').fill('');
  await page.getByTestId('pane-1-model').selectOption(mha);
  await expect(page.getByTestId('pane-1-model-name')).toHaveText('llama-mha.gguf');
  // Every load field, as in Chat's form: the second pane loads with its own batch size. The host
  // answers late, so each change is made before it has kept the one before: none may undo another.
  slowHost = true;
  await page.getByTestId('pane-1-settings-toggle').click();
  await expect(page.getByTestId('pane-1-load-kv-cache')).toBeVisible();
  await page.getByTestId('pane-1-load-batch-size').fill('256');
  await page.getByTestId('pane-1-load-batch-size').blur();
  // Flash attention is offered on the CPU too, llama.cpp's 'auto' by default; a quantized KV cache forces it on.
  const flash = page.getByTestId('pane-1-load-flash-attention');
  await expect(flash.getByRole('radio', { name: 'Auto' })).toBeChecked();
  await page.getByTestId('pane-1-load-kv-cache').selectOption('Q8_0');
  await expect(flash.getByRole('radio', { name: 'On' })).toBeChecked();
  await expect(flash.getByRole('radio', { name: 'Off' })).toBeDisabled();
  await page.getByTestId('pane-1-load-kv-cache').selectOption('F16');
  await flash.getByText('Off').click();
  await expect(flash.getByRole('radio', { name: 'Off' })).toBeChecked();
  await page.getByTestId('pane-1-settings-toggle').click();
  slowHost = false;
  // Greedy without a repeat penalty: the generated models write until the context is full, long
  // enough to watch both stream and to stop them.
  for (const p of [0, 1]) await setSampling(page, p, { temperature: 0, 'repeat-penalty': 1, 'max-tokens': 30000 });
  // qwen2 writes ~400 tok/s here: with the default 1,024-token context it once filled it (2.5 s)
  // before the stop below arrived, on a busy machine; its whole trained context gives 3× the time.
  await page.getByTestId('pane-0-settings-toggle').click();
  await page.getByTestId('pane-0-load-context-size').fill('3072');
  await page.getByTestId('pane-0-load-context-size').blur();
  await page.getByTestId('pane-0-settings-toggle').click();
  await page.getByTestId('pane-0-load').click();
  await expect(page.getByTestId('pane-0-state')).toHaveAttribute('data-state', 'loaded', { timeout: 60_000 });

  // One prompt: the pane not loaded yet loads first (Send to all loads what is not loaded), then
  // both stream at once; stop them; each keeps its answer and its numbers.
  await page.getByTestId('compare-composer').fill('Hello, who are you?');
  await page.getByTestId('compare-composer').press('Enter');
  for (const p of [0, 1]) await expect(page.getByTestId(`pane-${p}-streaming`)).not.toBeEmpty({ timeout: 60_000 });
  await page.getByTestId('compare-stop').click();
  await expect(page.getByTestId('pane-1-state')).toHaveAttribute('data-state', 'loaded');
  await page.getByTestId('pane-1-settings-toggle').click();
  await expect(page.getByTestId('pane-1-load-batch-size')).toHaveValue('256');
  await expect(page.getByTestId('pane-1-load-flash-attention').getByRole('radio', { name: 'Off' })).toBeChecked();
  await page.getByTestId('pane-1-settings-toggle').click();
  for (const p of [0, 1]) {
    const pane = page.getByTestId(`pane-${p}`);
    await expect(pane.getByTestId(`pane-${p}-round`)).toHaveAttribute('data-status', 'stopped', { timeout: 30_000 });
    await expect(pane.getByTestId(`pane-${p}-output`)).not.toBeEmpty();
    await expect(pane.getByTestId('metric-ttft')).toHaveAttribute('data-known', 'true');
    await expect(pane.getByTestId('metric-generation')).toHaveAttribute('data-known', 'true');
    await expect(pane.getByTestId('metric-peak')).toHaveAttribute('data-known', 'true');
    await expect(pane.getByTestId('metric-tokens')).toHaveAttribute('data-known', 'true');
    await expect(pane.getByTestId('metric-gpu')).toHaveAttribute('data-known', 'true');
    await expect(pane.getByTestId('metric-run-mode')).toHaveAttribute('data-mode', 'parallel');
  }
  await expect(page.getByTestId('compare-charts').getByTestId('chart-generation').getByTestId('chart-bar')).toHaveCount(2);

  // A follow-up continues each pane's own conversation, one pane at a time.
  for (const p of [0, 1]) await setSampling(page, p, { 'max-tokens': 24 });
  await page.getByTestId('compare-run-mode').getByText('Sequential').click();
  await page.getByTestId('compare-composer').fill('And what can you do?');
  await page.getByTestId('compare-send').click();
  for (const p of [0, 1]) {
    await expect(page.getByTestId(`pane-${p}-round`)).toHaveCount(2, { timeout: 60_000 });
    await expect(page.getByTestId(`pane-${p}-round`).last()).toHaveAttribute('data-status', 'complete');
    await expect(page.getByTestId(`pane-${p}`).getByTestId('metric-tokens')).toHaveText(/24/);
    await expect(page.getByTestId(`pane-${p}`).getByTestId('metric-run-mode')).toHaveAttribute('data-mode', 'sequential');
  }
  // The comparison as files: a CSV row per answer, Markdown with both rounds, the whole of it as JSON.
  const table = await download(page, 'compare-export-csv');
  const rows = table.trimEnd().split('\r\n');
  expect(rows[0]).toMatch(/^round,prompt,pane,model,status,output,/);
  expect(rows.filter((r) => /^2,And what can you do\?,[AB],[AB] · (qwen2|llama-mha)\.gguf,complete,/.test(r))).toHaveLength(2);
  const exported = await download(page, 'compare-export-markdown');
  expect(exported.match(/^## Round \d$/gm)).toEqual(['## Round 1', '## Round 2']);
  expect(exported).toContain('### B · llama-mha.gguf');
  const whole = JSON.parse(await download(page, 'compare-export-json')) as { format: string; results: Array<{ round: number }> };
  expect(whole.format).toBe('caliper.comparison');
  expect(whole.results.map((r) => r.round)).toEqual([1, 1, 2, 2]);
  // Saved: listed and reopened exactly as recorded.
  const firstOutput = await page.getByTestId('pane-0-output').first().textContent();
  await page.getByTestId('tab-saved').click();
  await expect(page.getByTestId('saved-row')).toHaveCount(1);
  await expect(page.getByTestId('saved-row')).toContainText('qwen2.gguf');

  // Blind battle: the leaderboard is empty, the vote reveals the models and ranks them.
  await page.getByTestId('tab-leaderboard').click();
  await expect(page.getByTestId('leaderboard-empty')).toBeVisible();
  await page.getByTestId('tab-compare').click();
  await page.getByTestId('compare-new').click();
  await page.getByTestId('blind-model-a').selectOption(qwen);
  await page.getByTestId('blind-model-b').selectOption(mha);
  await page.getByTestId('blind-tag').fill('e2e');
  await page.getByTestId('start-blind').click();
  await expect(page.getByTestId('compare-workspace')).toHaveAttribute('data-blind', 'true');
  await expect(page.getByTestId('pane-0-label')).toHaveText('Model A');
  await expect(page.getByTestId('pane-1-label')).toHaveText('Model B');
  await expect(page.getByTestId('pane-0-model')).toHaveCount(0);
  for (const p of [0, 1]) await expect(page.getByTestId(`pane-${p}-state`)).toHaveAttribute('data-state', 'loaded', { timeout: 60_000 });
  await page.getByTestId('compare-composer').fill('Write a haiku.');
  await page.getByTestId('compare-composer').press('Enter');
  await expect(page.getByTestId('vote-a')).toBeEnabled({ timeout: 90_000 });
  // A battle waiting for its vote survives a reload, even when Compare is opened from the rail.
  const battle = await page.getByTestId('compare-workspace').getAttribute('data-id');
  await page.goto(`${host.url}#/compare`);
  await expect(page.getByTestId('compare-workspace')).toHaveAttribute('data-id', battle!);
  await expect(page.getByTestId('compare-workspace')).toHaveAttribute('data-blind', 'true');
  await expect(page.getByTestId('vote-a')).toBeEnabled();
  await page.getByTestId('vote-a').click();
  await expect(page.getByTestId('vote-identities')).toContainText('qwen2.gguf');
  await expect(page.getByTestId('vote-identities')).toContainText('llama-mha.gguf');
  const winner = /Model A was (\S+);/.exec((await page.getByTestId('vote-identities').textContent()) ?? '')?.[1];
  await page.getByTestId('vote-show-leaderboard').click();
  await expect(page.getByTestId('leaderboard')).toHaveAttribute('data-votes', '1');
  await expect(page.getByTestId('leaderboard-row')).toHaveCount(2);
  await expect(page.getByTestId('leaderboard-row').first()).toHaveAttribute('data-model', winner!);
  await page.getByTestId('leaderboard-tag').selectOption('e2e');
  await expect(page.getByTestId('leaderboard-row')).toHaveCount(2);

  // The first comparison reopens with its answers as they were.
  await page.getByTestId('tab-saved').click();
  await expect(page.getByTestId('saved-row')).toHaveCount(2);
  await page.locator('[data-testid="saved-row"][data-blind="false"]').getByTestId('saved-open').click();
  await expect(page.getByTestId('pane-0-output').first()).toHaveText(firstOutput!);

  // A suite of two prompts across both models: progress, a matrix, exports.
  await page.getByTestId('tab-suites').click();
  await page.getByTestId('suite-name').fill('Smoke suite');
  await page.getByTestId('suite-prompts').fill('Say one thing.\n\nSay another thing.');
  await page.getByTestId('suite-save').click();
  await expect(page.getByTestId('suite-run-form')).toBeVisible();
  const form = page.getByTestId('suite-run-form');
  await form.getByRole('checkbox', { name: 'qwen2.gguf', exact: true }).check();
  await form.getByRole('checkbox', { name: 'llama-mha.gguf', exact: true }).check();
  await page.getByTestId('suite-max-tokens').fill('8');
  await form.getByRole('switch', { name: 'Warm-up' }).uncheck();
  await page.getByTestId('suite-run').click();
  await expect(page.getByTestId('suite-progress')).toHaveAttribute('data-total', '4');
  await expect(page.getByTestId('suite-run-status')).toHaveText('Done', { timeout: 90_000 });
  await expect(page.getByTestId('suite-progress')).toHaveAttribute('data-done', '4');
  await expect(page.locator('[data-testid="suite-cell"][data-status="done"]')).toHaveCount(4);
  await expect(page.getByTestId('suite-charts').getByTestId('chart-ttft').getByTestId('chart-bar')).toHaveCount(2);

  const csv = await download(page, 'suite-export-csv');
  const lines = csv.trimEnd().split('\r\n');
  expect(lines[0]).toMatch(/^prompt_index,prompt,model_index,model,status,output,/);
  expect(lines).toHaveLength(5);
  expect(lines.filter((l) => l.includes(',done,'))).toHaveLength(4);
  expect(csv).toContain('Say another thing.');
  const markdown = await download(page, 'suite-export-markdown');
  expect(markdown).toContain('# Smoke suite');
  expect(markdown).toContain('### llama-mha.gguf');
  expect(markdown.match(/^## Prompt \d$/gm)).toHaveLength(2);
  const json = JSON.parse(await download(page, 'suite-export-json')) as { format: string; cells: Array<{ status: string }> };
  expect(json.format).toBe('caliper.suite-run');
  expect(json.cells.map((c) => c.status)).toEqual(['done', 'done', 'done', 'done']);
});
