import { expect, test } from '@playwright/test';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureQuantModel } from '../../test/fixtures/quantModels';
import { removeDir, startHost, tempDir, type Host } from '../support/host';

/**
 * Quantize as a new user would: choose a model, quantize it to Q4_K_M while the progress bar
 * moves, find the result in Models with its lineage, measure its quality against the source, and
 * open both side by side in Compare.
 */

let host: Host;
let source: string;

test.use({ locale: 'en-US' });
test.describe.configure({ timeout: 110_000 });

test.beforeEach(async () => {
  const modelsDir = tempDir('caliper-models-');
  source = join(modelsDir, 'tiny-llama-F32.gguf');
  copyFileSync(await ensureQuantModel(), source);
  // A pause per tensor makes the ~1 s quantization of this tiny model last long enough to watch.
  host = await startHost({ dataDir: tempDir(), modelsDir, env: { CALIPER_QUANTIZE_TENSOR_DELAY_MS: '120' } });
});
test.afterEach(async () => {
  await host.stop();
  removeDir(host.dataDir);
  removeDir(host.modelsDir);
});

test('quantize to Q4_K_M, see its lineage, measure it and compare it with the source', async ({ page }) => {
  await page.goto(host.url);
  await page.locator('[data-testid="model-row"][data-path="tiny-llama-F32.gguf"]').click();
  const inspector = page.getByTestId('model-inspector');
  const panel = inspector.getByTestId('quantize-panel');
  await expect(panel.getByTestId('quantize-type')).toHaveValue('Q4_K_M');
  // The exact size from the dry run and the fit label come before anything is written.
  await expect(panel.getByTestId('quantize-plan')).toContainText('tiny-llama-Q4_K_M.gguf, exactly');
  await expect(panel.getByTestId('quantize-plan')).toContainText('On this machine (estimate):');

  await panel.getByTestId('quantize-start').click();
  const progress = panel.getByTestId('quantize-progress');
  await expect(progress).toBeVisible();
  // The rail shows it too, wherever the user goes meanwhile.
  await expect(page.getByTestId('nav-quantize-progress')).toBeVisible();
  // Moving: two different tensor counts seen while it runs.
  const first = Number(await progress.getAttribute('data-done'));
  await expect.poll(async () => Number(await progress.getAttribute('data-done')), { timeout: 20_000 }).toBeGreaterThan(first);
  await expect(panel.getByTestId('quantize-done')).toContainText('Done: tiny-llama-Q4_K_M.gguf', { timeout: 30_000 });
  await page.keyboard.press('Escape');

  // In Models, with where it came from.
  const row = page.locator('[data-testid="model-row"][data-path="tiny-llama-Q4_K_M.gguf"]');
  await expect(row).toBeVisible({ timeout: 15_000 });
  await row.click();
  await expect(inspector).toHaveAttribute('data-path', 'tiny-llama-Q4_K_M.gguf');
  const lineage = inspector.getByTestId('lineage');
  await expect(lineage.locator('[data-lineage="source"]')).toContainText(source);
  await expect(lineage.locator('[data-lineage="type"]')).toContainText('F32 → Q4_K_M');

  // Quality against the source, saved, and on the family chart.
  const quality = inspector.getByTestId('quality');
  await quality.getByTestId('quality-measure').click();
  await expect(quality.getByTestId('quality-result')).toHaveCount(1, { timeout: 60_000 });
  expect(Number(await quality.getByTestId('quality-result').getAttribute('data-kl'))).toBeGreaterThan(0);
  await expect(quality.getByTestId('family-chart').locator('[data-point="Q4_K_M"]')).toHaveCount(1);
  await page.keyboard.press('Escape');

  // Both side by side in Compare.
  await page.goto(`${host.url}#/compare`);
  await page.getByTestId('start-comparison').click();
  await page.getByTestId('pane-0-model').selectOption(source);
  await page.getByTestId('pane-1-model').selectOption(join(host.modelsDir, 'tiny-llama-Q4_K_M.gguf'));
  await expect(page.getByTestId('pane-1-model-name')).toHaveText('tiny-llama-Q4_K_M.gguf');
  await page.getByTestId('pane-0-load').click();
  await page.getByTestId('pane-1-load').click();
  for (const p of [0, 1]) await expect(page.getByTestId(`pane-${p}-state`)).toHaveAttribute('data-state', 'loaded', { timeout: 60_000 });
});
