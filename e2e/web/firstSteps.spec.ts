import { expect, test, type Locator, type Page } from '@playwright/test';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ensureFixtures } from '../../test/fixtures/generate';
import { FakeHub } from '../../test/support/fakeHub';
import { starterHubModels } from '../../test/support/hubModels';
import { removeDir, startHost, tempDir, type Host } from '../support/host';

/**
 * The moments between steps, on a first run with no model anywhere, against a loopback Hub that
 * holds the catalog's recommended repositories: every empty view names the next step in the same
 * words, the catalog is searched and compared with a tray that stays in view, the command palette
 * runs the app's actions, and one click on the starter model downloads it and opens Chat with it.
 */

const STARTER_REPO = 'Qwen/Qwen3-1.7B-GGUF';
const STARTER_FILE = 'Qwen3-1.7B-Q4_K_M.gguf';

let hub: FakeHub;
let host: Host;
let lmStudio: string;

test.use({ locale: 'en-US' });
test.describe.configure({ mode: 'serial', timeout: 120_000 });

test.beforeAll(async () => {
  const fixtures = await ensureFixtures();
  hub = await FakeHub.start(starterHubModels(fixtures));
  const home = tempDir();
  lmStudio = join(home, '.lmstudio', 'models');
  mkdirSync(join(lmStudio, 'lmstudio-community', 'Qwen2-GGUF'), { recursive: true });
  copyFileSync(fixtures.byId.qwen2.path, join(lmStudio, 'lmstudio-community', 'Qwen2-GGUF', 'qwen2-tiny.gguf'));
  host = await startHost({
    dataDir: tempDir(),
    modelsDir: tempDir('caliper-models-'),
    env: { HF_ENDPOINT: hub.url, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), OLLAMA_MODELS: '' },
  });
});
test.afterAll(async () => {
  await host.stop();
  await hub.close();
  removeDir(host.dataDir);
  removeDir(host.modelsDir);
});

async function go(page: Page, hash: string): Promise<void> {
  await page.evaluate((h) => {
    window.location.hash = h;
  }, hash);
}

const inWindow = async (locator: Locator) => {
  const box = (await locator.boundingBox())!;
  const size = locator.page().viewportSize()!;
  return box.y >= 0 && box.y + box.height <= size.height && box.x >= 0 && box.x + box.width <= size.width;
};

test('every empty view names the next step with the same buttons, and New chat does not pile up empty chats', async ({ page }) => {
  await page.goto(`${host.url}#/chat`);
  const words: Record<string, string[]> = {};
  for (const [view, container] of [
    ['chat', 'chat-empty'],
    ['models', 'models-empty'],
    ['compare', 'compare-empty'],
    ['downloads', 'downloads-empty'],
  ] as const) {
    await go(page, `#/${view}`);
    const empty = page.getByTestId(container);
    await expect(empty).toBeVisible();
    for (const step of ['catalog', 'hub', 'addFolder'] as const) {
      const button = empty.getByTestId(`next-${step}`);
      if (view === 'downloads' && step === 'addFolder') continue;
      (words[step] ??= []).push((await button.textContent()) ?? '');
    }
  }
  expect(words).toEqual({
    catalog: Array(4).fill('Browse the catalog'),
    hub: Array(4).fill('Search the Hub'),
    addFolder: Array(3).fill('Add a model folder'),
  });

  // "Add a model folder" lands on the folder field in Settings.
  await go(page, '#/models');
  await page.getByTestId('models-empty').getByTestId('next-addFolder').click();
  await expect(page).toHaveURL(/#\/settings\?section=folders$/);
  await expect(page.getByTestId('folder-input')).toBeFocused();

  // Compare's other tabs point at what fills them.
  await go(page, '#/compare');
  await page.getByTestId('tab-saved').click();
  await expect(page.getByTestId('saved-empty').getByTestId('saved-start')).toBeVisible();
  await page.getByTestId('tab-leaderboard').click();
  await page.getByTestId('leaderboard-start-blind').click();
  await expect(page.getByTestId('tab-compare')).toHaveAttribute('aria-selected', 'true');

  // Without a model, New chat opens the same untouched conversation instead of adding another.
  await go(page, '#/chat');
  await page.getByTestId('new-chat').click();
  await expect(page).toHaveURL(/#\/chat\/.+/);
  const first = page.url();
  await page.getByTestId('new-chat').click();
  await page.keyboard.press('Control+Shift+O');
  await expect(page.getByTestId('conversation-item')).toHaveCount(1);
  expect(page.url()).toBe(first);
});

test('the catalog is searched by name, family and language, and the comparison tray stays in view', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`${host.url}#/catalog`);
  const families = page.getByTestId('catalog-family');
  await expect(families.first()).toBeVisible();
  const total = await families.count();
  // Cards start as a summary; details open on demand.
  await expect(families.first()).toHaveAttribute('data-expanded', 'false');
  await expect(families.first().getByTestId('family-brief')).toBeVisible();
  await expect(families.first().getByTestId('source-link')).toHaveCount(0);

  const search = page.getByTestId('catalog-search');
  await search.fill('qwen');
  await expect(families).toHaveCount(2);
  await search.fill('Mistral AI');
  await expect(families).toHaveCount(2);
  await search.fill('Chinese');
  const chinese = await families.count();
  expect(chinese).toBeGreaterThanOrEqual(5);
  await search.fill('中文');
  await expect(families).toHaveCount(chinese);
  await search.press('Escape');
  await expect(families).toHaveCount(total);

  // Ticking the last card: the tray appears at the bottom of the window with what was added.
  const last = families.last();
  const name = (await last.getByRole('heading').textContent())!;
  await last.getByTestId('compare-checkbox').check();
  const tray = page.getByTestId('compare-panel');
  await expect(tray.getByTestId('compare-feedback')).toHaveText(`Added ${name}: 1 family selected.`);
  expect(await inWindow(tray)).toBe(true);
  await expect(tray.getByTestId('compare-hint')).toBeVisible();
  // A second one far up: the table opens inside the tray, in view wherever the page is.
  await families.first().getByTestId('compare-checkbox').check();
  await expect(tray.getByTestId('compare-table')).toBeVisible();
  await expect(tray.getByTestId('compare-chip')).toHaveCount(2);
  expect(await inWindow(tray)).toBe(true);
  await tray.getByTestId('compare-toggle').click();
  await expect(tray.getByTestId('compare-table')).toHaveCount(0);
  await tray.getByRole('button', { name: `Remove ${name} from the comparison` }).click();
  await expect(tray.getByTestId('compare-chip')).toHaveCount(1);
  await tray.getByTestId('compare-clear').click();
  await expect(tray).toHaveCount(0);
});

test('the command palette runs the app’s actions, and their shortcuts are listed in one place', async ({ page }) => {
  await page.goto(`${host.url}#/models`);
  await expect(page.getByTestId('models-empty')).toBeVisible();

  await page.keyboard.press('Control+K');
  const input = page.getByTestId('palette-input');
  await expect(input).toBeFocused();
  await input.fill('dark');
  await expect(page.getByTestId('palette-option')).toHaveCount(1);
  await page.keyboard.press('Enter');
  await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'dark');
  await expect(page.getByTestId('command-palette')).toHaveCount(0);

  // Found by any words of its name, in any order; arrows move, Enter runs.
  await page.getByTestId('open-palette').click();
  await input.fill('hub settings');
  await expect(page.getByTestId('palette-option').first()).toHaveAttribute('data-command', 'settings.hub');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/settings\?section=hub$/);
  await expect(page.getByTestId('hub-endpoint-input')).toBeFocused();

  // The same commands in 简体中文, found by their English names too.
  await page.keyboard.press('Control+K');
  await input.fill('简体');
  await page.keyboard.press('Enter');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await page.keyboard.press('Control+K');
  await input.fill('English');
  await expect(page.getByTestId('palette-option')).toHaveText(['界面语言：English']);
  await page.keyboard.press('Enter');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  // Navigation shortcuts (not while typing), and the theme back to light.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('Alt+2');
  await expect(page).toHaveURL(/#\/compare/);
  await page.keyboard.press('Control+Shift+L');
  await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', 'light');

  // Every shortcut in one dialog, opened from the palette, from Settings and by its own keys.
  await page.keyboard.press('Control+K');
  await input.fill('keyboard');
  await page.keyboard.press('Enter');
  const dialog = page.getByTestId('shortcuts-dialog');
  await expect(dialog.locator('[data-command="palette"]')).toContainText('Show all commands');
  await expect(dialog.locator('[data-command="palette"]').getByTestId('shortcut-keys')).toHaveText('CtrlK');
  await expect(dialog.locator('[data-command="go.chat"]').getByTestId('shortcut-keys')).toHaveText('Alt1');
  await expect(dialog).toContainText('Send to all panes');
  await page.keyboard.press('Escape');
  await go(page, '#/settings');
  await page.getByTestId('settings-shortcuts').click();
  await expect(dialog).toBeVisible();
});

test('first run: other apps’ folders come first, then one click downloads the starter model and Chat opens with it', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.goto(`${host.url}#/models`);
  const offers = page.getByTestId('folder-suggestions');
  await expect(offers.locator('[data-app="lmstudio"]')).toHaveAttribute('data-path', lmStudio);

  // The starter: chosen from the catalog for this machine, found on the Hub in use, fit checked.
  const starter = page.getByTestId('starter-model');
  await expect(starter).toHaveAttribute('data-repo', STARTER_REPO);
  await expect(starter).toHaveAttribute('data-path', STARTER_FILE);
  expect(await offers.evaluate((o, s) => !!(o.compareDocumentPosition(s!) & Node.DOCUMENT_POSITION_FOLLOWING), await starter.elementHandle())).toBe(true);
  await expect(starter.getByTestId('starter-name')).toHaveText('Qwen3-1.7B');
  await expect(starter.getByTestId('starter-license')).toHaveText('License: Apache-2.0');
  await expect(starter.getByTestId('starter-size')).toHaveText(/^\d+(\.\d+)? [kM]B download$/);
  await expect(starter.getByTestId('fit-label')).toHaveAttribute('data-fit', /^(gpu|cpu)$/);
  const download = starter.getByTestId('starter-download');
  expect(await inWindow(download)).toBe(true);

  // Slow enough to see it move; meanwhile the user goes elsewhere.
  hub.setFaults(STARTER_REPO, STARTER_FILE, { bytesPerSecond: 150_000 });
  await download.click();
  await expect(page.getByTestId('starter-progress')).toBeVisible();
  await go(page, '#/catalog');
  // It lands verified, and Chat opens with it, loaded.
  await expect(page).toHaveURL(/#\/chat\/.+/, { timeout: 60_000 });
  await expect(page.getByTestId('model-picker')).toHaveValue(new RegExp(`${STARTER_REPO}/${STARTER_FILE}$`));
  await expect(page.getByTestId('model-state')).toHaveAttribute('data-state', 'loaded', { timeout: 30_000 });
  // Through the queue, from the Hub (or mirror) in use, whole.
  await go(page, '#/downloads');
  await expect(page.getByTestId('download-row')).toHaveAttribute('data-state', 'done');
  const resolved = hub.requests.filter((r) => r.origin === 'hub' && r.url.includes(`/${STARTER_REPO}/resolve/`) && r.url.endsWith(STARTER_FILE));
  expect(resolved.length).toBeGreaterThan(1); // the header for the fit, then the download
  expect(hub.requests.some((r) => r.origin === 'cdn' && r.method === 'GET' && r.range !== 'bytes=0-1048575')).toBe(true);
  // With a model, the first-run screens are gone.
  await go(page, '#/models');
  await expect(page.locator(`[data-testid="model-row"][data-path="${STARTER_REPO}/${STARTER_FILE}"]`)).toBeVisible();
  await expect(page.getByTestId('starter')).toHaveCount(0);
});
