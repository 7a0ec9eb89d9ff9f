import { expect, test } from '@playwright/test';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FixtureSet } from '../../test/fixtures/generate';
import { populatedModelsDir, removeDir, startHost, tempDir, type Host } from '../support/host';

let host: Host;
let fixtures: FixtureSet;

test.use({ locale: 'en-US' });

test.beforeAll(async () => {
  const models = await populatedModelsDir();
  fixtures = models.fixtures;
  host = await startHost({ dataDir: tempDir(), modelsDir: models.dir });
});
test.afterAll(async () => {
  await host.stop();
  removeDir(host.dataDir);
  removeDir(host.modelsDir);
});

test('the Models view lists every generated model with the facts in its header', async ({ page }) => {
  await page.goto(host.url);
  const rows = page.getByTestId('model-row');
  await expect(rows).toHaveCount(fixtures.all.length + 2);
  // Name, size, fit and quantization always; the rest as the width allows, or all when asked for.
  await expect(page.getByTestId('model-table')).toHaveAttribute('data-columns', /^name size fit fileType/);
  await page.getByTestId('model-columns').click();
  await page.getByTestId('model-columns-all').click();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('model-table')).toHaveAttribute(
    'data-columns',
    'name size fit fileType architecture parameters contextLength kind blockCount heads experts slidingWindow',
  );

  for (const { id, facts } of fixtures.all) {
    const row = page.locator(`[data-testid="model-row"][data-path="${id}.gguf"]`);
    const fact = (name: string) => row.locator(`[data-fact="${name}"]`);
    await expect(row, id).toHaveAttribute('data-invalid', 'false');
    await expect(fact('architecture'), id).toHaveText(facts.architecture);
    await expect(fact('fileType'), id).toHaveText('F32');
    await expect(fact('parameters'), id).toHaveAttribute('data-value', String(facts.parameterCount));
    await expect(fact('kind'), id).toHaveAttribute('data-value', facts.kind);
    // Counts read as plain integers; an absent fact reads as a dash.
    const count = async (name: string, value: number | null) => {
      if (value === null) await expect(fact(name), `${id} ${name}`).toHaveText('—');
      else await expect(fact(name), `${id} ${name}`).toHaveText(String(value));
    };
    await count('contextLength', facts.contextLength);
    await count('blockCount', facts.blockCount);
    await count('headCount', facts.headCount);
    // Without head_count_kv llama.cpp uses head_count: plain multi-head attention.
    await count('headCountKv', facts.headCountKv ?? facts.headCount);
    await count('expertCount', facts.expertCount);
    await count('slidingWindow', facts.slidingWindow);
  }
  await expect(page.locator('[data-path="mixtral-moe.gguf"] [data-testid="badge-moe"]')).toBeVisible();
  await expect(page.locator('[data-path="llama-gqa.gguf"] [data-testid="badge-gqa"]')).toBeVisible();
  await expect(page.locator('[data-path="llama-mha.gguf"] [data-testid="badge-gqa"]')).toHaveCount(0);

  // Every model gets a fit label from the engine's estimate; these tiny ones fit (on the CPU here).
  for (const { id, facts } of fixtures.all) {
    const fit = page.locator(`[data-testid="model-row"][data-path="${id}.gguf"] [data-testid="fit-label"]`);
    if (facts.kind === 'adapter') await expect(fit).toHaveCount(0);
    else await expect(fit, id).toHaveAttribute('data-fit', /^(gpu|partial|cpu)$/, { timeout: 30_000 });
  }
});

test('invalid files are listed with the reason, and do not stop the scan', async ({ page }) => {
  await page.goto(host.url);
  const notModel = page.locator('[data-testid="model-row"][data-path="not-a-model.gguf"]');
  await expect(notModel).toHaveAttribute('data-invalid', 'true');
  await expect(notModel.getByTestId('problem-reason')).toHaveAttribute('data-code', 'BAD_MAGIC');
  await expect(notModel.getByTestId('problem-reason')).toContainText('Not a GGUF file');

  const truncated = page.locator('[data-testid="model-row"][data-path="truncated-download.gguf"]');
  await expect(truncated.getByTestId('problem-reason')).toHaveAttribute('data-code', 'TENSOR_OUT_OF_BOUNDS');
  await expect(truncated.getByTestId('problem-reason')).toContainText('past the end of the file');

  // Filters: hide the invalid ones, then narrow by architecture.
  await page.getByTestId('hide-invalid').check({ force: true });
  await expect(page.locator('[data-testid="model-row"][data-invalid="true"]')).toHaveCount(0);
  await page.getByTestId('model-filter').fill('qwen');
  await expect(page.getByTestId('model-row')).toHaveCount(2);
});

test('the inspector opens from the keyboard and shows every fact', async ({ page }) => {
  await page.goto(host.url);
  const row = page.locator('[data-testid="model-row"][data-path="gemma3-swa.gguf"]');
  await row.focus();
  await page.keyboard.press('Enter');
  const inspector = page.getByTestId('model-inspector');
  await expect(inspector).toHaveAttribute('data-path', 'gemma3-swa.gguf');
  await expect(inspector.locator('[data-inspector-fact="slidingWindow"]')).toContainText('128');
  await expect(inspector.locator('[data-inspector-fact="architecture"]')).toContainText('gemma3');
  await page.keyboard.press('Escape');
  await expect(inspector).toBeHidden();
  await expect(row).toBeFocused();
});

test('a model file can be deleted from the inspector, after confirming', async ({ page }) => {
  const models = await populatedModelsDir();
  const own = await startHost({ dataDir: tempDir(), modelsDir: models.dir });
  try {
    await page.goto(own.url);
    const row = page.locator('[data-testid="model-row"][data-path="phi3.gguf"]');
    await row.click();
    await page.getByTestId('delete-file').click();
    await page.getByTestId('confirm-cancel').click();
    await expect(row).toBeVisible();
    await page.getByTestId('delete-file').click();
    await page.getByTestId('confirm-delete').click();
    await expect(row).toHaveCount(0);
    expect(existsSync(join(models.dir, 'phi3.gguf'))).toBe(false);
    await expect(page.locator('[data-testid="model-row"][data-path="qwen2.gguf"]')).toBeVisible();
  } finally {
    await own.stop();
    removeDir(own.dataDir);
    removeDir(models.dir);
  }
});
