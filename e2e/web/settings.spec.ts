import { expect, test } from '@playwright/test';
import { removeDir, startHost, tempDir } from '../support/host';

test.use({ locale: 'en-US' });

test('settings survive a host restart, the open page reconnects by itself, and a change made meanwhile is delivered', async ({
  page,
}) => {
  const dataDir = tempDir();
  const modelsDir = tempDir();
  const extraFolder = tempDir();
  let host = await startHost({ dataDir, modelsDir });
  try {
    await page.goto(`${host.url}#/settings`);
    await page.getByTestId('theme-control').getByText('Dark', { exact: true }).click();
    await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark');
    await page.getByTestId('folder-input').fill(extraFolder);
    await page.getByTestId('folder-add').click();
    await expect(page.getByTestId('folder-item')).toHaveAttribute('data-path', extraFolder);

    expect(await host.stop()).toBe(0);
    await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'reconnecting');
    // Made while the socket reopens: it waits for the new socket instead of being lost.
    await page.getByTestId('theme-control').getByText('Light', { exact: true }).click();
    // Restarted with the same --token: the page's cookie still holds.
    host = await startHost({ dataDir, modelsDir, port: host.port, token: host.token });
    await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'connected', { timeout: 15_000 });
    await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'light');

    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'light');
    await expect(page.getByTestId('folder-item')).toHaveAttribute('data-path', extraFolder);
  } finally {
    await host.stop();
    for (const dir of [dataDir, modelsDir, extraFolder]) removeDir(dir);
  }
});

test('a page without the token asks for it, and a host restarted with a new token asks again', async ({ page }) => {
  const dataDir = tempDir();
  const modelsDir = tempDir();
  let host = await startHost({ dataDir, modelsDir });
  try {
    // Opened without the printed URL's token: nothing but the sign-in form.
    await page.goto(`http://127.0.0.1:${host.port}/#/settings`);
    await expect(page.getByTestId('sign-in')).toBeVisible();
    await page.getByTestId('sign-in-token').fill('not the token');
    await page.getByTestId('sign-in-submit').click();
    await expect(page.getByTestId('sign-in-error')).toContainText('That token is not right');
    await page.getByTestId('sign-in-token').fill(host.token);
    await page.getByTestId('sign-in-submit').click();
    await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'connected');
    await expect(page.getByTestId('theme-control')).toBeVisible();

    await host.stop();
    host = await startHost({ dataDir, modelsDir, port: host.port });
    await expect(page.getByTestId('sign-in')).toBeVisible({ timeout: 15_000 });
    await page.getByTestId('sign-in-token').fill(host.token);
    await page.getByTestId('sign-in-submit').click();
    await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'connected', { timeout: 15_000 });
  } finally {
    await host.stop();
    for (const dir of [dataDir, modelsDir]) removeDir(dir);
  }
});

test('a folder that does not exist is refused with a clear message, and nothing changes', async ({ page }) => {
  const host = await startHost({ dataDir: tempDir(), modelsDir: tempDir() });
  try {
    await page.goto(`${host.url}#/settings`);
    await page.getByTestId('folder-input').fill('/no/such/folder');
    await page.getByTestId('folder-add').click();
    await expect(page.getByTestId('settings-error')).toContainText('The folder /no/such/folder does not exist.');
    await page.getByTestId('folder-input').fill('relative/path');
    await page.getByTestId('folder-add').click();
    await expect(page.getByTestId('settings-error')).toContainText('not valid');
    await expect(page.getByTestId('folder-item')).toHaveCount(0);
    await expect(page.getByTestId('gpu-backend')).toHaveAttribute('data-value', /^(cpu|cuda|vulkan|metal)$/, { timeout: 30_000 });
  } finally {
    await host.stop();
    removeDir(host.dataDir);
    removeDir(host.modelsDir);
  }
});

test('the app is reachable from the keyboard', async ({ page }) => {
  const host = await startHost({ dataDir: tempDir(), modelsDir: tempDir() });
  try {
    await page.goto(host.url);
    await expect(page.getByTestId('models-empty')).toBeVisible();
    // Skip link, top bar, then the rail's views in order: Settings is the last of them.
    for (let i = 0; i < 20; i++) {
      await page.keyboard.press('Tab');
      if (await page.getByTestId('nav-settings').evaluate((el) => el === document.activeElement)) break;
    }
    await expect(page.getByTestId('nav-settings')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/#\/settings$/);
    await expect(page.getByTestId('language-select')).toBeVisible();
  } finally {
    await host.stop();
    removeDir(host.dataDir);
    removeDir(host.modelsDir);
  }
});
