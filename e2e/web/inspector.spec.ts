import { expect, test } from '@playwright/test';
import { copyFileSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FixtureSet } from '../../test/fixtures/generate';
import { populatedModelsDir, removeDir, startHost, tempDir, type Host } from '../support/host';

let host: Host;
let fixtures: FixtureSet;

test.use({ locale: 'en-US' });

test.beforeEach(async () => {
  const models = await populatedModelsDir();
  fixtures = models.fixtures;
  host = await startHost({ dataDir: tempDir(), modelsDir: models.dir });
});
test.afterEach(async () => {
  await host.stop();
  removeDir(host.dataDir);
  removeDir(host.modelsDir);
});

test('the inspector shows the chat template, the tokenizer and the KV-cache chart', async ({ page }) => {
  await page.goto(host.url);
  await page.locator('[data-testid="model-row"][data-path="llama-gqa.gguf"]').click();
  const inspector = page.getByTestId('model-inspector');
  await expect(inspector).toHaveAttribute('data-path', 'llama-gqa.gguf');

  const template = inspector.getByTestId('chat-template-text');
  await expect(template).toContainText("{% for message in messages %}{{'<|im_start|>'");
  await expect(inspector.locator('[data-detail="model"]')).toContainText('llama');
  await expect(inspector.locator('[data-detail="bos"]')).toContainText('"<s>" (#1)');
  await expect(inspector.locator('[data-detail="eos"]')).toContainText('"</s>" (#2)');

  const chart = inspector.getByTestId('kv-cache-chart');
  await expect(chart.getByRole('img', { name: 'KV-cache memory by context length' })).toBeVisible();
  await expect(chart.locator('[data-series="F16"] polyline')).toHaveCount(1);
  // The fixtures' head size (16) does not fit Q8_0/Q4_0 blocks, and the inspector says so.
  await expect(inspector.locator('[data-testid="kv-cache-unsupported"][data-type="Q8_0"]')).toContainText('head size (16)');
  // 2 layers × (K + V) × 2 KV heads × 16 × 2304 cells × 2 bytes at the trained context.
  await chart.getByText('Show the numbers').click();
  await expect(chart.locator('[data-testid="kv-cache-table"] tbody tr').last().locator('td').first()).toHaveAttribute(
    'data-bytes',
    String(2 * 2 * 2 * 16 * 2304 * 2),
  );
  await expect(inspector.getByTestId('license')).toContainText('says nothing about its license');
  await expect(inspector.getByTestId('metadata-list')).toContainText('All metadata');
});

test('files copied into, renamed in and partly downloaded into the models folder show up without a rescan', async ({ page }) => {
  await page.goto(host.url);
  const rows = page.getByTestId('model-row');
  await expect(rows).toHaveCount(fixtures.all.length + 2);

  // A download in progress is not listed.
  mkdirSync(join(host.modelsDir, '.caliper-partial'), { recursive: true });
  writeFileSync(join(host.modelsDir, '.caliper-partial', 'next.gguf'), 'GGUF…');
  writeFileSync(join(host.modelsDir, 'other.gguf.part'), 'GGUF…');

  mkdirSync(join(host.modelsDir, 'publisher', 'repo'), { recursive: true });
  copyFileSync(fixtures.byId['qwen3'].path, join(host.modelsDir, 'publisher', 'repo', 'copy-of-qwen3.gguf'));
  const copy = page.locator('[data-testid="model-row"][data-path="publisher/repo/copy-of-qwen3.gguf"]');
  await expect(copy).toBeVisible();
  await expect(rows).toHaveCount(fixtures.all.length + 3);

  // Same bytes as qwen3.gguf: both are flagged once the background hash is in, nothing is deleted.
  await expect(copy.getByTestId('badge-duplicate')).toHaveText('Duplicate of qwen3.gguf', { timeout: 30_000 });
  await expect(page.locator('[data-path="qwen3.gguf"] [data-testid="badge-duplicate"]')).toHaveText(
    'Duplicate of publisher/repo/copy-of-qwen3.gguf',
  );
  await page.getByTestId('duplicates-only').check({ force: true });
  await expect(rows).toHaveCount(2);
  await page.getByTestId('duplicates-only').uncheck({ force: true });

  renameSync(join(host.modelsDir, 'publisher', 'repo', 'copy-of-qwen3.gguf'), join(host.modelsDir, 'publisher', 'repo', 'renamed.gguf'));
  await expect(page.locator('[data-testid="model-row"][data-path="publisher/repo/renamed.gguf"]')).toBeVisible();
  await expect(copy).toHaveCount(0);
  await expect(rows).toHaveCount(fixtures.all.length + 3);
});
