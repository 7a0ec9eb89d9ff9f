import { _electron as electron, expect, test } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { findElectronBinary } from '../../scripts/lib/electron.mjs';
import { populatedModelsDir, removeDir, tempDir } from '../support/host';

const root = fileURLToPath(new URL('../..', import.meta.url));
const binary = findElectronBinary();

// Electron's binary downloads lazily from the internet, which the build machines cannot reach.
// Where it exists (a developer's machine, ELECTRON_OVERRIDE_DIST_PATH), this suite runs for real.
test.skip(!binary.path, `Electron suite skipped: ${binary.reason}`);

test.beforeAll(() => {
  // better-sqlite3 for Electron's ABI, built once beside the Node build.
  const r = spawnSync(process.execPath, ['scripts/electron-native.mjs'], { cwd: root, stdio: 'inherit' });
  expect(r.status).toBe(0);
});

test('the desktop window is locked down and shows the library', async () => {
  const dataDir = tempDir();
  const { dir: modelsDir } = await populatedModelsDir();
  const app = await electron.launch({
    executablePath: binary.path ?? '',
    args: [root],
    env: { ...process.env, CALIPER_DATA_DIR: dataDir },
  });
  try {
    const page = await app.firstWindow();
    await expect(page).toHaveTitle(/Caliper/);
    // No Node in the page (nodeIntegration off, sandboxed), and the bridge exposes one function.
    expect(await page.evaluate(() => [typeof (globalThis as { require?: unknown }).require, typeof (globalThis as { process?: unknown }).process])).toEqual(['undefined', 'undefined']);
    expect(await page.evaluate(() => Object.keys((window as unknown as { caliper: object }).caliper))).toEqual(['connect']);

    // The contract works over the MessagePort: add the folder in Settings, see it in Models.
    await page.goto(`${page.url().split('#')[0]}#/settings`);
    await page.getByTestId('folder-input').fill(modelsDir);
    await page.getByTestId('folder-add').click();
    await page.goto(`${page.url().split('#')[0]}#/models`);
    await expect(page.locator('[data-testid="model-row"][data-path="qwen2.gguf"]')).toBeVisible();

    // window.open is denied; navigation away is blocked.
    const before = page.url();
    await page.evaluate(() => window.open('https://example.com'));
    expect(app.windows()).toHaveLength(1);
    await page.evaluate(() => (window.location.href = 'https://example.com')).catch(() => undefined);
    expect(page.url()).toBe(before);
  } finally {
    await app.close();
    removeDir(dataDir);
    removeDir(modelsDir);
  }
});
