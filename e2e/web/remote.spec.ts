import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { ensureFixtures } from '../../test/fixtures/generate';
import { populatedModelsDir, removeDir, startHost, tempDir, type Host } from '../support/host';

/**
 * A remote engine beside a local file, as a user sets it up: the remote engine is a second Caliper
 * host serving its own library on /v1 (every OpenAI-compatible server looks the same from here).
 */

let host: Host;
let remote: Host;
let qwen: string;

test.use({ locale: 'en-US' });
test.describe.configure({ mode: 'serial', timeout: 180_000 });

test.beforeAll(async () => {
  const models = await populatedModelsDir();
  host = await startHost({ dataDir: tempDir(), modelsDir: models.dir });
  qwen = join(models.dir, 'qwen2.gguf');
  const remoteModels = tempDir('caliper-remote-models-');
  copyFileSync((await ensureFixtures()).byId['llama-gqa'].path, join(remoteModels, 'remote-gqa.gguf'));
  remote = await startHost({ dataDir: tempDir(), modelsDir: remoteModels });
});

test.afterAll(async () => {
  for (const h of [host, remote]) {
    await h?.stop();
    removeDir(h.dataDir);
    removeDir(h.modelsDir);
  }
});

async function download(page: Page, testId: string): Promise<string> {
  const file = page.waitForEvent('download');
  await page.getByTestId(testId).click();
  return readFileSync((await (await file).path())!, 'utf8');
}

test('connect a remote engine, compare it with a local file, battle it blind, run a suite across both', async ({ page }) => {
  // Settings → Remote engines: add and test the connection.
  await page.goto(`${host.url}#/settings`);
  await page.getByTestId('connection-add').click();
  await page.getByTestId('connection-kind').selectOption('caliper');
  await page.getByTestId('connection-name').fill('gpu-box');
  await page.getByTestId('connection-url').fill(remote.apiBase);
  await page.getByTestId('connection-key').fill(remote.token);
  await page.getByTestId('connection-save').click();
  const row = page.getByTestId('connection');
  await expect(row.getByTestId('connection-status')).toHaveAttribute('data-ok', 'true', { timeout: 60_000 });
  await expect(row.getByTestId('connection-status')).toContainText('1 models');
  await expect(row.getByTestId('connection-models')).toContainText('remote-gqa');
  // The key never comes back to the page.
  expect(await page.content()).not.toContain(remote.token);

  // Compare: a local file against the remote model, with the numbers of each.
  await page.goto(`${host.url}#/compare`);
  await page.getByTestId('start-comparison').click();
  await page.getByTestId('pane-0-model').selectOption(qwen);
  await page.getByTestId('pane-1-model').selectOption({ label: 'remote-gqa' });
  await expect(page.getByTestId('pane-1-model-name')).toHaveText('remote-gqa · gpu-box');
  await expect(page.getByTestId('pane-1-state')).toHaveAttribute('data-state', 'remote');
  // The local pane is loaded by the send itself.
  await page.getByTestId('compare-composer').fill('Hello there');
  await page.getByTestId('compare-composer').press('Enter');
  for (const p of [0, 1]) await expect(page.getByTestId(`pane-${p}-round`)).toHaveAttribute('data-status', 'complete', { timeout: 90_000 });
  const local = page.getByTestId('pane-0');
  const far = page.getByTestId('pane-1');
  for (const pane of [local, far]) {
    await expect(pane.getByTestId('metric-ttft')).toHaveAttribute('data-known', 'true');
    await expect(pane.getByTestId('metric-generation')).toHaveAttribute('data-known', 'true');
  }
  await expect(local.getByTestId('metric-peak')).toContainText(/[KMG]iB/);
  await expect(far.getByTestId('metric-peak')).toContainText('Remote');
  await expect(far.getByTestId('metric-network')).toHaveAttribute('data-known', 'true');
  await expect(far.getByTestId('metric-server')).toHaveAttribute('data-known', 'true');

  // A blind battle between them: nothing on the page names a side before the vote.
  await page.getByTestId('compare-new').click();
  await page.getByTestId('blind-model-a').selectOption(qwen);
  await page.getByTestId('blind-model-b').selectOption({ label: 'remote-gqa' });
  await page.getByTestId('blind-tag').fill('deploy');
  await page.getByTestId('start-blind').click();
  await expect(page.getByTestId('compare-workspace')).toHaveAttribute('data-blind', 'true');
  for (const p of [0, 1]) await expect(page.getByTestId(`pane-${p}-state`)).toHaveAttribute('data-state', 'loaded', { timeout: 60_000 });
  await page.getByTestId('compare-composer').fill('Write a haiku.');
  await page.getByTestId('compare-composer').press('Enter');
  await expect(page.getByTestId('vote-a')).toBeEnabled({ timeout: 90_000 });
  const workspace = (await page.getByTestId('compare-workspace').textContent()) ?? '';
  for (const secret of ['qwen2', 'remote-gqa', 'gpu-box', 'Remote', 'MiB', 'GiB']) expect(workspace, secret).not.toContain(secret);
  await page.getByTestId('vote-a').click();
  await expect(page.getByTestId('vote-identities')).toContainText('qwen2.gguf');
  await expect(page.getByTestId('vote-identities')).toContainText('remote-gqa · gpu-box');

  // A suite across both, exported with each model's name.
  await page.getByTestId('tab-suites').click();
  await page.getByTestId('suite-name').fill('Deploy check');
  await page.getByTestId('suite-prompts').fill('Say one thing.');
  await page.getByTestId('suite-save').click();
  const form = page.getByTestId('suite-run-form');
  await form.getByRole('checkbox', { name: 'qwen2.gguf', exact: true }).check();
  await form.getByRole('checkbox', { name: 'remote-gqa · gpu-box', exact: true }).check();
  await page.getByTestId('suite-max-tokens').fill('8');
  await page.getByTestId('suite-run').click();
  await expect(page.getByTestId('suite-run-status')).toHaveText('Done', { timeout: 90_000 });
  await expect(page.locator('[data-testid="suite-cell"][data-status="done"]')).toHaveCount(2);
  const csv = await download(page, 'suite-export-csv');
  expect(csv).toContain('remote-gqa · gpu-box');
  expect(csv).toContain('qwen2.gguf');
});
