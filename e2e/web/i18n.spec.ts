import { expect, test } from '@playwright/test';
import { populatedModelsDir, removeDir, startHost, tempDir, type Host } from '../support/host';

let host: Host;

test.beforeAll(async () => {
  const models = await populatedModelsDir();
  host = await startHost({ dataDir: tempDir(), modelsDir: models.dir });
});
test.afterAll(async () => {
  await host.stop();
  removeDir(host.dataDir);
  removeDir(host.modelsDir);
});

test.describe('in a Chinese browser', () => {
  test.use({ locale: 'zh-CN' });

  test('the app follows the OS language', async ({ page }) => {
    await page.goto(host.url);
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(page.getByTestId('nav-models')).toContainText('模型');
    await expect(page.getByTestId('nav-settings')).toContainText('设置');
    const invalid = page.locator('[data-path="not-a-model.gguf"] [data-testid="problem-reason"]');
    await expect(invalid).toContainText('不是 GGUF 文件');
    await expect(page.getByTestId('connection-status')).toContainText('已连接');
  });
});

test.describe('in an English browser', () => {
  test.use({ locale: 'en-US' });

  test('the app is in English, and switching to Chinese in Settings applies at once', async ({ page }) => {
    await page.goto(`${host.url}#/settings`);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByTestId('nav-models')).toContainText('Models');
    await page.getByTestId('language-select').selectOption('zh-CN');
    await expect(page.getByTestId('nav-models')).toContainText('模型');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await page.getByTestId('language-select').selectOption('system');
    await expect(page.getByTestId('nav-models')).toContainText('Models');
  });
});
