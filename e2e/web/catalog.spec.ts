import { expect, test, type Page } from '@playwright/test';
import { removeDir, startHost, tempDir, type Host } from '../support/host';

let host: Host;

test.use({ locale: 'en-US' });

test.beforeAll(async () => {
  // The catalog is bundled data: no model files are needed.
  host = await startHost({ dataDir: tempDir(), modelsDir: tempDir('caliper-models-') });
});
test.afterAll(async () => {
  await host.stop();
  removeDir(host.dataDir);
  removeDir(host.modelsDir);
});

const card = (page: Page, id: string) => page.locator(`[data-testid="catalog-family"][data-family-id="${id}"]`);

test('the catalog filters, compares two families and switches to Chinese', async ({ page }) => {
  await page.goto(host.url);
  await page.getByTestId('nav-catalog').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Catalog');
  const families = page.getByTestId('catalog-family');
  await expect(families.first()).toBeVisible();
  const total = await families.count();
  expect(total).toBeGreaterThanOrEqual(17);

  // Cards are a summary; every family says where its facts come from in its details.
  for (const id of ['llama-3', 'qwen-2.5', 'mixtral-8x7b']) {
    await card(page, id).getByTestId('family-details-toggle').click();
    const source = card(page, id).getByTestId('source-link').first();
    await expect(source).toHaveAttribute('href', /^https:\/\//);
    await expect(source).toHaveAttribute('target', '_blank');
  }

  // The image-input families are listed, and say the engine cannot run them yet.
  await expect(card(page, 'llava').getByTestId('engine-support')).toHaveText('Image input not supported by the engine yet');
  await expect(card(page, 'llava').getByTestId('engine-support')).toHaveAttribute('data-support', 'image_input_unsupported');
  await expect(card(page, 'llama-3').getByTestId('engine-support')).toHaveAttribute('data-support', 'supported');

  // License filter: only families with a non-commercial variant remain (Qwen 2.5 through its 3B).
  await page.getByTestId('catalog-filter-license').selectOption('non_commercial');
  await expect(families).toHaveCount(5);
  await expect(card(page, 'llama-3')).toHaveCount(0);
  await expect(card(page, 'qwen-2.5')).toBeVisible();
  await expect(page.getByTestId('catalog-count')).toHaveText(`Showing 5 of ${total} families`);
  // Add a language: of those, only Qwen 2.5 speaks Chinese.
  await page.getByTestId('catalog-filter-language').selectOption('zh');
  await expect(families).toHaveCount(1);
  await expect(card(page, 'qwen-2.5')).toBeVisible();
  await page.getByTestId('catalog-filter-clear').click();
  await expect(families).toHaveCount(total);
  await page.getByTestId('catalog-filter-task').selectOption('vision');
  await expect(families).toHaveCount(2);
  await page.getByTestId('catalog-filter-task').selectOption('');
  await expect(families).toHaveCount(total);

  // Recommended downloads open the model's page in the Hub view.
  await expect(card(page, 'llama-3').locator('[data-repo="bartowski/Meta-Llama-3.1-8B-Instruct-GGUF"]')).toHaveAttribute(
    'href',
    '#/hub/bartowski%2FMeta-Llama-3.1-8B-Instruct-GGUF',
  );

  // Select two families, one with the mouse and one from the keyboard.
  await card(page, 'llama-3').getByTestId('compare-checkbox').check();
  await expect(page.getByTestId('compare-hint')).toBeVisible();
  const mixtralBox = card(page, 'mixtral-8x7b').getByRole('checkbox', { name: 'Compare Mixtral 8x7B' });
  await mixtralBox.focus();
  await page.keyboard.press('Space');
  await expect(mixtralBox).toBeChecked();

  const table = page.getByTestId('compare-table');
  await expect(table).toBeVisible();
  await expect(table.locator('thead th')).toHaveText(['Fact', 'Llama 3 / 3.1 / 3.2', 'Mixtral 8x7B']);
  const cell = (row: string, id: string) => table.locator(`tr[data-row="${row}"] td[data-family-id="${id}"]`);
  await expect(cell('sizes', 'mixtral-8x7b')).toHaveText('46.7B total, 12.9B active');
  await expect(cell('sizes', 'llama-3')).toContainText('1.24B');
  await expect(cell('context', 'llama-3')).toHaveText('8K–128K tokens');
  await expect(cell('license', 'llama-3')).toContainText('Llama 3.1 Community License');
  await expect(cell('license', 'mixtral-8x7b')).toContainText('Apache-2.0');
  await expect(cell('license', 'mixtral-8x7b')).toContainText('Commercial use allowed');
  await expect(cell('architecture', 'mixtral-8x7b')).toHaveText('llama');
  await expect(cell('attention', 'mixtral-8x7b')).toContainText('GQA, 32 heads / 8 KV');
  await expect(cell('attention', 'mixtral-8x7b')).toContainText('2 of 8 experts per token');

  // The variant details open from the keyboard.
  const toggle = card(page, 'mistral-7b').getByTestId('family-details-toggle');
  await toggle.focus();
  await page.keyboard.press('Enter');
  await expect(card(page, 'mistral-7b').getByTestId('variant-table')).toContainText('sliding window 4K');

  // 简体中文: the view, the data texts and the comparison follow the language setting.
  await page.getByTestId('nav-settings').click();
  await page.getByTestId('language-select').selectOption('zh-CN');
  await page.getByTestId('nav-catalog').click();
  await expect(page.getByTestId('nav-catalog')).toContainText('模型目录');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('模型目录');
  await expect(card(page, 'llava').getByTestId('engine-support')).toHaveText('引擎暂不支持图片输入');
  await expect(card(page, 'mixtral-8x7b')).toContainText('稀疏混合专家模型');
  await expect(table.locator('tr[data-row="license"] th')).toHaveText('许可证');
  await expect(cell('sizes', 'mixtral-8x7b')).toHaveText('共 46.7B，激活 12.9B');
  await expect(cell('languages', 'mixtral-8x7b')).toContainText('法语');
  await expect(page.getByTestId('catalog-count')).toHaveText(`显示 ${total} / ${total} 个系列`);
});
