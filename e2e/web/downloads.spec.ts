import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { ensureFixtures } from '../../test/fixtures/generate';
import { FakeHub } from '../../test/support/fakeHub';
import { fixtureHubModels } from '../../test/support/hubModels';
import { removeDir, startHost, tempDir, type Host } from '../support/host';

/**
 * The Downloads view and the Hub settings. Downloads are started the way a user starts them (a
 * Hub model page), against a loopback Hub that can be slowed down or made to send a bad byte.
 */

const QWEN = 'caliper-test/Tiny-Qwen2-GGUF';
const SPLIT = 'split/tiny-qwen2-F32-00001-of-00002.gguf';
const SPLIT_PARTS = [SPLIT, 'split/tiny-qwen2-F32-00002-of-00002.gguf'];
const MOE = 'caliper-test/Tiny-MoE-GGUF';
const MOE_FILE = 'tiny-mixtral-moe-F32.gguf';

test.use({ locale: 'en-US' });

async function withHost(env: Record<string, string>, body: (host: Host) => Promise<void>): Promise<void> {
  const host = await startHost({ dataDir: tempDir(), modelsDir: tempDir('caliper-models-'), env });
  try {
    await body(host);
  } finally {
    await host.stop();
    removeDir(host.dataDir);
    removeDir(host.modelsDir);
  }
}

async function withHub(body: (hub: FakeHub) => Promise<void>): Promise<void> {
  const hub = await FakeHub.start(fixtureHubModels(await ensureFixtures()));
  try {
    await body(hub);
  } finally {
    await hub.close();
  }
}

async function startFromHubPage(page: Page, host: Host, repoId: string, path: string): Promise<void> {
  await page.goto(`${host.url}#/hub/${encodeURIComponent(repoId)}`);
  await page.locator(`[data-testid="hub-file"][data-path="${path}"]`).getByTestId('hub-download').click();
  await page.getByTestId('nav-downloads').click();
}

test('Hub settings: a mirror endpoint replaces HF_ENDPOINT until reset; a token is saved but never shown', async ({ page }) => {
  await withHost({ HF_ENDPOINT: 'http://127.0.0.1:9' }, async (host) => {
    await page.goto(`${host.url}#/settings`);
    const inUse = page.getByTestId('hub-endpoint-in-use');
    await expect(inUse).toHaveText('http://127.0.0.1:9');
    await expect(inUse).toHaveAttribute('data-source', 'environment');

    // The server validates; the message is ours, not the validator's English.
    await page.getByTestId('hub-endpoint-input').fill('ftp://mirror.example');
    await page.getByTestId('hub-endpoint-save').click();
    await expect(page.getByTestId('hub-endpoint-error')).toHaveText(/http or https address/);
    await expect(inUse).toHaveAttribute('data-source', 'environment');

    await page.getByTestId('hub-endpoint-input').fill('https://mirror.example');
    await page.getByTestId('hub-endpoint-save').click();
    await expect(inUse).toHaveText('https://mirror.example');
    await expect(inUse).toHaveAttribute('data-source', 'setting');
    await expect(page.getByTestId('hub-endpoint-error')).toHaveCount(0);
    await page.reload();
    await expect(page.getByTestId('hub-endpoint-input')).toHaveValue('https://mirror.example');
    await page.getByTestId('hub-endpoint-default').click();
    await expect(inUse).toHaveText('http://127.0.0.1:9');
    await expect(page.getByTestId('hub-endpoint-input')).toHaveValue('');

    const token = 'hf_e2e_secret_token_4711';
    const status = page.getByTestId('hub-token-status');
    await expect(status).toHaveText('No token saved.');
    await expect(page.getByTestId('hub-token-forget')).toBeDisabled();
    await page.getByTestId('hub-token-input').fill(token);
    await page.getByTestId('hub-token-save').click();
    await expect(status).toHaveText('A token is saved.');
    await expect(page.getByTestId('hub-token-input')).toHaveValue('');
    expect(await page.content()).not.toContain(token);
    await page.reload();
    await expect(status).toHaveAttribute('data-has-token', 'true');
    expect(await page.content()).not.toContain(token);

    await page.getByTestId('hub-token-forget').click();
    await expect(status).toHaveText('No token saved.');
    await page.reload();
    await expect(status).toHaveAttribute('data-has-token', 'false');
  });
});

test('an empty queue points to the Hub and the catalog', async ({ page }) => {
  await withHost({ HF_ENDPOINT: 'http://127.0.0.1:9' }, async (host) => {
    await page.goto(host.url);
    await page.getByTestId('nav-downloads').click();
    await expect(page.getByTestId('downloads-empty')).toBeVisible();
    await expect(page.getByTestId('nav-downloads-count')).toHaveCount(0);
    await expect(page.getByTestId('downloads-empty').getByTestId('next-catalog')).toHaveAttribute('href', '#/catalog');
    await page.getByTestId('downloads-empty').getByTestId('next-hub').focus();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/#\/hub$/);
  });
});

test('a split model downloads with a moving bar, pauses, resumes, and opens in a chat', async ({ page }) => {
  test.setTimeout(120_000);
  await withHub(async (hub) => {
    await withHost({ HF_ENDPOINT: hub.url }, async (host) => {
      for (const part of SPLIT_PARTS) hub.setFaults(QWEN, part, { bytesPerSecond: 30_000 });
      await startFromHubPage(page, host, QWEN, SPLIT);

      const row = page.getByTestId('download-row');
      await expect(row).toHaveAttribute('data-state', 'downloading');
      await expect(row).toContainText('2 parts');
      await expect(page.getByTestId('nav-downloads-count')).toHaveAttribute('data-count', '1');
      const bar = row.getByTestId('download-progress');
      const first = Number(await bar.getAttribute('data-received'));
      await expect.poll(async () => Number(await bar.getAttribute('data-received')), { timeout: 20_000 }).toBeGreaterThan(first);
      await expect(row.getByRole('progressbar')).toHaveAttribute('aria-valuenow', /^\d+$/);
      await expect(row.getByTestId('download-speed')).toHaveText(/\/s$/);

      await row.getByTestId('download-pause').click();
      await expect(row).toHaveAttribute('data-state', 'paused');
      await expect(page.getByTestId('nav-downloads-count')).toHaveCount(0);
      await expect(row.getByTestId('download-pause')).toHaveCount(0);

      for (const part of SPLIT_PARTS) hub.setFaults(QWEN, part, {});
      await row.getByTestId('download-resume').click();
      await expect(row).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
      expect(Number(await bar.getAttribute('data-received'))).toBe(Number(await bar.getAttribute('data-total')));
      await expect(row.getByTestId('download-destination')).toContainText('tiny-qwen2-F32-00001-of-00002.gguf');
      await expect(row.getByTestId('download-show')).toHaveAttribute('href', '#/models');

      await row.getByTestId('download-chat').click();
      await expect(page).toHaveURL(/#\/chat\//);
      await expect(page.getByTestId('model-picker')).toHaveValue(/tiny-qwen2-F32-00001-of-00002\.gguf$/);

      // Removing a finished entry keeps the model file.
      await page.getByTestId('nav-downloads').click();
      await row.getByTestId('download-remove').click();
      await expect(page.getByTestId('downloads-empty')).toBeVisible();
      expect(existsSync(join(host.modelsDir, QWEN, SPLIT))).toBe(true);
    });
  });
});

test('cancel asks first and deletes the partial data; a bad checksum fails in words and Retry fetches it again', async ({ page }) => {
  test.setTimeout(120_000);
  await withHub(async (hub) => {
    await withHost({ HF_ENDPOINT: hub.url }, async (host) => {
      hub.setFaults(MOE, MOE_FILE, { bytesPerSecond: 30_000 });
      await startFromHubPage(page, host, MOE, MOE_FILE);
      const row = page.getByTestId('download-row');
      await expect(row).toHaveAttribute('data-state', 'downloading');
      const id = await row.getAttribute('data-id');
      const partial = join(host.modelsDir, '.caliper-partial', id!);
      await expect.poll(() => existsSync(partial)).toBe(true);

      await row.getByTestId('download-cancel').click();
      await page.getByRole('button', { name: 'Keep downloading' }).click();
      await expect(row).toHaveAttribute('data-state', 'downloading');
      await row.getByTestId('download-cancel').click();
      await expect(page.getByRole('dialog')).toContainText('will be deleted');
      await page.getByTestId('confirm-delete').click();
      await expect(row).toHaveAttribute('data-state', 'cancelled');
      await expect.poll(() => existsSync(partial)).toBe(false);
      await row.getByTestId('download-remove').click();
      await expect(page.getByTestId('downloads-empty')).toBeVisible();

      hub.setFaults(MOE, MOE_FILE, { flipByteAt: 5000 });
      await startFromHubPage(page, host, MOE, MOE_FILE);
      await expect(row).toHaveAttribute('data-state', 'failed', { timeout: 30_000 });
      const error = row.getByTestId('download-error');
      await expect(error).toHaveAttribute('data-code', 'HASH_MISMATCH');
      await expect(error).toContainText('did not match the Hub’s checksum');
      await expect(error).toContainText('nothing was added to your library');
      await expect(row.getByTestId('download-resume')).toHaveText('Retry');

      hub.setFaults(MOE, MOE_FILE, {});
      await row.getByTestId('download-resume').click();
      await expect(row).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
      expect(existsSync(join(host.modelsDir, MOE, MOE_FILE))).toBe(true);
    });
  });
});
