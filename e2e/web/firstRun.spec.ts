import { expect, test } from '@playwright/test';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureFixtures, type FixtureSet } from '../../test/fixtures/generate';
import { removeDir, startHost, tempDir, type Host } from '../support/host';

let fixtures: FixtureSet;
const hosts: Host[] = [];
const dirs: string[] = [];

test.use({ locale: 'en-US' });

test.beforeAll(async () => {
  fixtures = await ensureFixtures();
});
test.afterEach(async () => {
  for (const host of hosts.splice(0)) await host.stop();
  for (const dir of dirs.splice(0)) removeDir(dir);
});

function dir(): string {
  const made = tempDir();
  dirs.push(made);
  return made;
}

/** A home where LM Studio, Ollama and Jan (Linux layouts) have each stored a model. */
function homeWithOtherApps(): { home: string; lmStudio: string; ollama: string; jan: string } {
  const home = dir();
  const lmStudio = join(home, '.lmstudio', 'models');
  mkdirSync(join(lmStudio, 'lmstudio-community', 'Qwen2-GGUF'), { recursive: true });
  copyFileSync(fixtures.byId['qwen2']!.path, join(lmStudio, 'lmstudio-community', 'Qwen2-GGUF', 'qwen2-tiny.gguf'));
  const ollama = join(home, '.ollama', 'models');
  const digest = 'b'.repeat(64);
  mkdirSync(join(ollama, 'manifests', 'registry.ollama.ai', 'library', 'tiny'), { recursive: true });
  mkdirSync(join(ollama, 'blobs'));
  writeFileSync(
    join(ollama, 'manifests', 'registry.ollama.ai', 'library', 'tiny', 'latest'),
    JSON.stringify({ layers: [{ mediaType: 'application/vnd.ollama.image.model', digest: `sha256:${digest}` }] }),
  );
  copyFileSync(fixtures.byId['llama-gqa']!.path, join(ollama, 'blobs', `sha256-${digest}`));
  const jan = join(home, '.config', 'Jan', 'data', 'llamacpp', 'models');
  mkdirSync(join(jan, 'tiny'), { recursive: true });
  copyFileSync(fixtures.byId['llama-mha']!.path, join(jan, 'tiny', 'model.gguf'));
  return { home, lmStudio, ollama, jan };
}

async function start(env: Record<string, string>, modelsDir = dir()): Promise<Host> {
  const host = await startHost({ dataDir: dir(), modelsDir, env });
  hosts.push(host);
  return host;
}

test('first run offers the LM Studio, Ollama and Jan folders it finds and adds only the one chosen', async ({ page }) => {
  const { home, lmStudio, ollama, jan } = homeWithOtherApps();
  const host = await start({ HOME: home, XDG_CONFIG_HOME: join(home, '.config'), OLLAMA_MODELS: '' });
  await page.goto(`${host.url}#/models`);

  const offers = page.getByTestId('folder-suggestions');
  await expect(offers).toBeVisible();
  const offer = (app: string) => offers.locator(`[data-testid="folder-suggestion"][data-app="${app}"]`);
  await expect(offer('lmstudio')).toHaveAttribute('data-path', lmStudio);
  await expect(offer('ollama')).toHaveAttribute('data-path', ollama);
  await expect(offer('jan')).toHaveAttribute('data-path', jan);
  // Offered, not added: the library is still empty and says how to fill it.
  await expect(page.getByTestId('models-empty')).toBeVisible();

  await offer('lmstudio').getByTestId('folder-suggestion-add').click();
  await expect(page.locator('[data-testid="model-row"][data-path="lmstudio-community/Qwen2-GGUF/qwen2-tiny.gguf"]')).toBeVisible();
  await expect(offer('lmstudio')).toHaveCount(0);
  await expect(page.getByTestId('model-row')).toHaveCount(1);

  await offer('ollama').getByRole('button', { name: `Do not offer the Ollama folder ${ollama} again` }).click();
  await expect(offer('ollama')).toHaveCount(0);
  await page.reload();
  await expect(offer('jan')).toBeVisible();
  await expect(offers.getByTestId('folder-suggestion')).toHaveCount(1);

  // The folder is in Settings like any other, where it can be removed again.
  await page.goto(`${host.url}#/settings`);
  await expect(page.locator(`[data-testid="folder-item"][data-path="${lmStudio}"]`)).toBeVisible();
});

test('a .gguf opened from outside the model folders opens in the inspector once its folder is added', async ({ page }) => {
  const elsewhere = dir();
  const file = join(elsewhere, 'downloaded-qwen.gguf');
  copyFileSync(fixtures.byId['qwen2']!.path, file);
  const host = await start({ HOME: dir() });

  await page.goto(`${host.url}#/models?open=${encodeURIComponent(file)}`);
  const notice = page.getByTestId('open-file-notice');
  await expect(notice).toContainText('downloaded-qwen.gguf is not in your model folders');
  await notice.getByTestId('open-file-add-folder').click();
  await expect(page.getByTestId('model-inspector')).toHaveAttribute('data-path', 'downloaded-qwen.gguf');
  await expect(notice).toHaveCount(0);
});

test('updates stay off until turned on in Settings, and the choice is kept', async ({ page }) => {
  const host = await start({ HOME: dir() });
  await page.goto(`${host.url}#/settings`);
  const toggle = page.getByTestId('updates-section').getByRole('switch');
  await expect(toggle).not.toBeChecked();
  await expect(page.getByTestId('updates-headless')).toBeVisible();
  // The switch follows the saved setting, so it turns on once the host has stored it.
  await toggle.click();
  await expect(toggle).toBeChecked();
  await page.reload();
  await expect(page.getByTestId('updates-section').getByRole('switch')).toBeChecked();
});
