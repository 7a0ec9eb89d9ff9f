import { expect, test, type Page } from '@playwright/test';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureFixtures } from '../../test/fixtures/generate';
import { removeDir, startHost, tempDir, type Host } from '../support/host';

/**
 * The benchmark lab as a user meets it: a small sweep from the Bench view with its progress,
 * results with their deviation and the share of the measured memory bandwidth, the history chart
 * after a second run, two runs side by side, and an export whose llama-bench field names parse.
 */

let host: Host;

test.use({ locale: 'en-US' });
test.describe.configure({ timeout: 150_000 });

test.beforeEach(async () => {
  const fixtures = await ensureFixtures();
  const modelsDir = tempDir('caliper-models-');
  copyFileSync(fixtures.byId['llama-gqa'].path, join(modelsDir, 'llama-gqa.gguf'));
  // A 16 MiB buffer per thread keeps the bandwidth measurement short on any machine.
  host = await startHost({ dataDir: tempDir(), modelsDir, env: { CALIPER_BANDWIDTH_BYTES_PER_THREAD: String(16 * 1024 * 1024) } });
});
test.afterEach(async () => {
  await host.stop();
  removeDir(host.dataDir);
  removeDir(host.modelsDir);
});

async function runSweep(page: Page): Promise<void> {
  await page.getByTestId('bench-run').click();
  // Progress shows while the sweep runs (the Run button becomes Cancel), and ends at 4 of 4.
  const progress = page.getByTestId('bench-progress');
  await expect(progress).toHaveAttribute('data-running', 'true', { timeout: 20_000 });
  await expect(page.getByTestId('bench-cancel')).toBeVisible();
  await expect(progress).toHaveAttribute('data-running', 'false', { timeout: 90_000 });
  await expect(progress).toHaveAttribute('data-total', '4');
  await expect(progress).toHaveAttribute('data-done', '4');
  await expect(progress).toContainText('4 of 4 measured');
  await expect(page.getByTestId('bench-run')).toBeVisible();
}

test('run a sweep, see deviation and bandwidth share, the history after a second run, compare and export', async ({ page }) => {
  await page.goto(`${host.url}#/bench`);
  await expect(page.getByTestId('nav-bench')).toHaveAttribute('aria-current', 'page');
  await expect(page.getByTestId('bench-model')).toHaveValue(join(host.modelsDir, 'llama-gqa.gguf'));
  await expect(page.getByTestId('bench-engine-kind')).toHaveAttribute('data-kind', 'prebuilt');

  // A small sweep: two tests × flash attention off/on, two repetitions each.
  await page.getByTestId('bench-tests').fill('pp32, tg16');
  await page.getByTestId('bench-repetitions').fill('2');
  await page.getByTestId('bench-threads').fill('1');
  await page.getByTestId('bench-fa-on').check();
  await expect(page.getByTestId('bench-measurements')).toHaveText('4 measurements × 2 repetitions');
  await runSweep(page);

  const rows = page.getByTestId('bench-result');
  await expect(rows).toHaveCount(4);
  await expect(rows.first()).toHaveAttribute('data-name', 'pp32');
  for (const row of await rows.all()) {
    await expect(row.getByTestId('bench-speed')).toContainText(/^[\d,.]+ ± [\d,.]+ tok\/s$/);
    expect(Number(await row.getAttribute('data-avg-ts'))).toBeGreaterThan(0);
  }
  // Generation rows show their share of the measured bandwidth; prompt rows have none.
  const tg = page.locator('[data-testid="bench-result"][data-name="tg16"]').first();
  await expect(tg.getByTestId('bench-share')).toContainText('%');
  expect(Number(await tg.getAttribute('data-share'))).toBeGreaterThan(0);
  await expect(page.locator('[data-testid="bench-result"][data-name="pp32"]').first().getByTestId('bench-share')).toHaveText('—');
  await expect(page.getByTestId('bench-bandwidth')).toContainText('/s with');

  // The best settings so far, adopted as the model's load defaults.
  await expect(page.getByTestId('bench-best-value')).toHaveAttribute('data-threads', '1');
  const bestFlash = (await page.getByTestId('bench-best-value').getAttribute('data-fa')) === 'true' ? 'On' : 'Off';
  await page.getByTestId('bench-use-default').click();
  await expect(page.getByTestId('bench-chosen')).toContainText('Load defaults for this model: 1 threads');

  // No chart before a second run; after it, one line per test and settings, two points each.
  await expect(page.getByTestId('bench-history')).toContainText('after a second run');
  await runSweep(page);
  const chart = page.getByTestId('bench-history-chart');
  await expect(chart).toBeVisible();
  await expect(chart.getByTestId('history-series')).toHaveCount(4);
  await expect(chart.locator('[data-testid="history-series"][data-points="2"]')).toHaveCount(4);

  // Two runs side by side with the change in percent.
  const runs = page.getByTestId('bench-run-row');
  await expect(runs).toHaveCount(2);
  for (const run of await runs.all()) await run.getByRole('checkbox').check();
  const compare = page.getByTestId('bench-compare');
  await expect(compare.getByTestId('bench-compare-row')).toHaveCount(4);
  await expect(compare.getByTestId('bench-compare-row').first()).toContainText('%');

  // Export in llama-bench's JSON: its own field names, every result of both runs.
  await page.getByTestId('bench-export-format').selectOption('json');
  const file = page.waitForEvent('download');
  await page.getByTestId('bench-export').click();
  const download = await file;
  expect(download.suggestedFilename()).toMatch(/^llama-bench-.*\.json$/);
  const rowsJson = JSON.parse(readFileSync((await download.path())!, 'utf8')) as Array<Record<string, unknown>>;
  expect(rowsJson).toHaveLength(8);
  for (const r of rowsJson) {
    for (const field of ['model_filename', 'model_size', 'n_prompt', 'n_gen', 'n_depth', 'n_threads', 'flash_attn', 'avg_ts', 'stddev_ts', 'samples_ns']) {
      expect(r).toHaveProperty(field);
    }
  }
  expect(rowsJson.filter((r) => r.n_gen === 16 && r.n_prompt === 0)).toHaveLength(4);

  // The adopted defaults are the file's load settings: Chat's load form shows them.
  await page.goto(`${host.url}#/chat`);
  await page.getByTestId('new-chat').click();
  await page.getByTestId('model-picker').selectOption(join(host.modelsDir, 'llama-gqa.gguf'));
  await page.getByTestId('settings-panel-toggle').click();
  await expect(page.getByTestId('load-threads')).toHaveValue('1');
  await expect(page.getByTestId('load-batch-size')).toHaveValue(/^\d/);
  // The measured flash-attention choice replaces the default, Auto.
  await expect(page.getByTestId('load-flash-attention').getByRole('radio', { name: bestFlash })).toBeChecked();
});
