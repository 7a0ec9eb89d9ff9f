import { expect, test } from '@playwright/test';
import { ensureFixtures, type FixtureSet } from '../../test/fixtures/generate';
import { FakeHub } from '../../test/support/fakeHub';
import { fixtureHubModels } from '../../test/support/hubModels';
import { removeDir, startHost, tempDir, type Host } from '../support/host';

/** Find, fit, download and chat, as a new user would, against a loopback Hub that speaks the real protocol. */

const REPO = 'caliper-test/Tiny-Llama-GGUF';
const FILE = 'tiny-llama-gqa-F32.gguf';

let hub: FakeHub;
let host: Host;
let fixtures: FixtureSet;

test.use({ locale: 'en-US' });
test.describe.configure({ mode: 'serial', timeout: 150_000 });

test.beforeAll(async () => {
  fixtures = await ensureFixtures();
  hub = await FakeHub.start(fixtureHubModels(fixtures));
  host = await startHost({ dataDir: tempDir(), modelsDir: tempDir('caliper-models-'), env: { HF_ENDPOINT: hub.url } });
});
test.afterAll(async () => {
  await host.stop();
  await hub.close();
  removeDir(host.dataDir);
  removeDir(host.modelsDir);
});

test('search the Hub, open a model, check a quantization fits, download it with pause and resume, then chat with it', async ({ page }) => {
  await page.goto(host.url);
  await page.getByTestId('nav-hub').click();
  await expect(page.getByRole('heading', { name: 'Hugging Face Hub' })).toBeVisible();

  // Search: GGUF models only, re-sorted on demand.
  await page.getByTestId('hub-search').fill('tiny');
  const results = page.getByTestId('hub-result-link');
  await expect(results).toHaveText(['caliper-test/Tiny-Llama-GGUF', 'caliper-test/Tiny-Qwen2-GGUF', 'caliper-test/Tiny-MoE-GGUF']);
  await page.getByTestId('hub-sort').getByText('Likes').click();
  await expect(results.first()).toHaveText('caliper-test/Tiny-MoE-GGUF');

  // The model page: card summary (plain text), license, files by quantization with sizes.
  await page.getByRole('link', { name: REPO }).click();
  await expect(page.getByTestId('hub-model-title')).toHaveText(REPO);
  await expect(page.getByTestId('hub-model-license')).toHaveText('License: llama3.1');
  await expect(page.getByTestId('hub-model-summary')).toContainText('A tiny Llama with grouped-query attention.');
  await expect(page.locator('img')).toHaveCount(0);
  const row = page.locator(`[data-testid="hub-file"][data-path="${FILE}"]`);
  await expect(page.getByTestId('hub-file')).toHaveCount(2);
  await expect(row).toContainText('F32');

  // Fit before download: the header is read with range requests only.
  await row.getByTestId('hub-check-fit').click();
  await expect(row.getByTestId('fit-label')).toHaveAttribute('data-fit', /^(gpu|partial|cpu)$/, { timeout: 30_000 });
  await expect(row.getByTestId('hub-fit-details')).toContainText(/\d+(\.\d+)? [KMG]iB of memory/);
  const contentGets = hub.requests.filter((r) => r.origin === 'cdn' && r.method === 'GET');
  expect(contentGets.length).toBeGreaterThan(0);
  expect(contentGets.every((r) => r.range === 'bytes=0-1048575')).toBe(true);

  // Download slowly enough to watch it move, pause and resume.
  hub.setFaults(REPO, FILE, { bytesPerSecond: 40_000 });
  await row.getByTestId('hub-download').click();
  await expect(row.getByTestId('hub-download-state')).toContainText(/Downloading \d+%/);
  await page.getByTestId('nav-downloads').click();
  const download = page.getByTestId('download-row');
  await expect(download).toHaveAttribute('data-state', 'downloading');
  const bar = download.getByTestId('download-progress');
  const first = Number(await bar.getAttribute('data-received'));
  await expect.poll(async () => Number(await bar.getAttribute('data-received')), { timeout: 20_000 }).toBeGreaterThan(first);

  await download.getByTestId('download-pause').click();
  await expect(download).toHaveAttribute('data-state', 'paused');
  const paused = Number(await bar.getAttribute('data-received'));
  expect(paused).toBeGreaterThan(0);
  expect(paused).toBeLessThan(fixtures.byId['llama-gqa'].sizeBytes);
  // Nothing half-downloaded shows up in Models.
  await page.getByTestId('nav-models').click();
  await expect(page.locator(`[data-testid="model-row"][data-path$="${FILE}"]`)).toHaveCount(0);

  hub.setFaults(REPO, FILE, { bytesPerSecond: 400_000 });
  await page.getByTestId('nav-downloads').click();
  await download.getByTestId('download-resume').click();
  await expect(download).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  const resumed = hub.requests.find((r) => r.origin === 'cdn' && r.range && r.range !== 'bytes=0-1048575' && r.range !== 'bytes=0-');
  expect(resumed?.range).toMatch(/^bytes=[1-9]\d*-$/);

  // In Models, with the facts from its header.
  await page.getByTestId('nav-models').click();
  const model = page.locator(`[data-testid="model-row"][data-path="caliper-test/Tiny-Llama-GGUF/${FILE}"]`);
  await expect(model).toBeVisible({ timeout: 15_000 });
  await page.getByTestId('model-columns').click();
  await page.getByTestId('model-column-option').and(page.locator('[data-column="heads"]')).click();
  await page.keyboard.press('Escape');
  await expect(model.locator('[data-fact="architecture"]')).toHaveText('llama');
  await expect(model.locator('[data-fact="headCountKv"]')).toHaveText(String(fixtures.byId['llama-gqa'].facts.headCountKv));

  // Open it in chat from the Hub page, load it, and get an answer.
  await page.goto(`${host.url}#/hub/${encodeURIComponent(REPO)}`);
  await row.getByTestId('hub-chat').click();
  await expect(page).toHaveURL(/#\/chat\//);
  await page.getByTestId('load-model').click();
  await expect(page.getByTestId('model-state')).toHaveAttribute('data-state', 'loaded', { timeout: 30_000 });
  await page.getByTestId('settings-panel-toggle').click();
  await page.getByTestId('sampling-max-tokens').fill('16');
  await page.getByTestId('sampling-max-tokens').blur();
  await page.getByTestId('settings-panel-toggle').click();
  await page.getByTestId('composer').fill('Hello there');
  await page.getByTestId('composer').press('Enter');
  const answer = page.locator('[data-testid="message"][data-role="assistant"]').last();
  await expect(answer).toHaveAttribute('data-status', 'complete', { timeout: 30_000 });
});

test('a flipped byte is caught: the download fails with the reason and nothing reaches Models', async ({ page }) => {
  hub.setFaults(REPO, 'tiny-llama-mha-F32.gguf', { flipByteAt: 5000 });
  await page.goto(`${host.url}#/hub/${encodeURIComponent(REPO)}`);
  const row = page.locator('[data-testid="hub-file"][data-path="tiny-llama-mha-F32.gguf"]');
  await row.getByTestId('hub-download').click();
  await page.getByTestId('nav-downloads').click();
  const failed = page.locator('[data-testid="download-row"][data-state="failed"]');
  await expect(failed).toBeVisible({ timeout: 30_000 });
  await expect(failed).toContainText(/checksum/i);
  await page.getByTestId('nav-models').click();
  await expect(page.locator('[data-testid="model-row"][data-path$="tiny-llama-mha-F32.gguf"]')).toHaveCount(0);
});

test('offline: the Hub says so, and the catalog and library still work', async ({ page }) => {
  const offline = await startHost({ dataDir: tempDir(), modelsDir: tempDir('caliper-models-'), env: { HF_ENDPOINT: 'http://127.0.0.1:9' } });
  try {
    await page.goto(`${offline.url}#/hub`);
    await expect(page.getByTestId('hub-offline')).toContainText('http://127.0.0.1:9');
    // Try again, or point Caliper at a mirror (where the Hub is blocked, the way in).
    await expect(page.getByTestId('hub-mirror-setting')).toHaveAttribute('href', '#/settings?section=hub');
    await page.getByTestId('hub-retry').click();
    await expect(page.getByTestId('hub-offline')).toBeVisible();
    await page.getByTestId('hub-offline').getByRole('link', { name: 'Browse the catalog' }).click();
    await expect(page).toHaveURL(/#\/catalog/);
    await page.getByTestId('nav-models').click();
    await expect(page.getByTestId('rescan')).toBeVisible();
  } finally {
    await offline.stop();
    removeDir(offline.dataDir);
    removeDir(offline.modelsDir);
  }
});
