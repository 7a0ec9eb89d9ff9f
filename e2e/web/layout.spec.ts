import { expect, test, type Page } from '@playwright/test';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ensureFixtures } from '../../test/fixtures/generate';
import { FakeHub } from '../../test/support/fakeHub';
import { fixtureHubModels, starterHubModels } from '../../test/support/hubModels';
import { populatedModelsDir, removeDir, startHost, tempDir, type Host } from '../support/host';
import { accessibilityProblems, checkView, openView, setLook, sizes, views, type View } from '../support/layout';
import { connectRpc, loadModel, type RpcClient } from '../support/rpc';

/**
 * Every view at 1024×700, 1280×800 and 1920×1080, crowded (six models loaded, a long conversation,
 * a three-pane comparison, a download) and empty (a first run), in English and 简体中文, light and
 * dark. One host per state and one page per test; the views are switched by address, not reloaded.
 * Every size is checked in English and light; 简体中文 and dark at the smallest size, where text
 * runs out of room first. Screenshots are attached to the results.
 */

test.use({ locale: 'en-US' });

interface World {
  host: Host;
  hub: FakeHub;
  rpc: { client: RpcClient; close(): void };
  /** The route parameter that opens chat and compare on something (crowded only). */
  params: Partial<Record<View, string>>;
}

async function stop(world: World | undefined): Promise<void> {
  if (!world) return;
  world.rpc.close();
  await world.host.stop();
  await world.hub.close();
  removeDir(world.host.dataDir);
  removeDir(world.host.modelsDir);
}

/** Views at the given sizes; returns every problem found. */
async function sweep(page: Page, world: World, look: string, at: readonly (typeof sizes)[number][]): Promise<string[]> {
  const problems: string[] = [];
  for (const size of at) {
    await page.setViewportSize(size);
    for (const view of views) {
      await openView(page, view, world.params[view]);
      problems.push(...(await checkView(page, test.info(), `${view}-${size.width}x${size.height}-${look}`)));
    }
  }
  return problems;
}

const TITLE = 'Explain the difference between grouped-query attention and multi-head attention, with the memory each needs';

test.describe('crowded: six models loaded, a long conversation, a three-pane comparison', () => {
  test.describe.configure({ mode: 'serial', timeout: 240_000 });
  let world: World;

  test.beforeAll(async () => {
    // Six engine processes start one after another: over a minute on a busy 2-core machine.
    test.setTimeout(180_000);
    const fixtures = await ensureFixtures();
    const hub = await FakeHub.start(fixtureHubModels(fixtures));
    const models = await populatedModelsDir();
    const host = await startHost({ dataDir: tempDir(), modelsDir: models.dir, env: { HF_ENDPOINT: hub.url } });
    const rpc = await connectRpc(host);
    const path = (id: string) => join(models.dir, `${id}.gguf`);
    for (const id of ['qwen2', 'llama-mha', 'llama-gqa', 'phi3', 'qwen3', 'glm4']) await loadModel(rpc.client, path(id));
    const at = Date.now() - 86_400_000;
    const messages = Array.from({ length: 8 }, (_, i) => ({
      id: `m${i}`,
      parentId: i === 0 ? null : `m${i - 1}`,
      role: i % 2 ? 'assistant' : 'user',
      content: i % 2 ? `An answer with \`code\`, a list:\n\n- one\n- two\n\n${'A long line of text that wraps. '.repeat(12)}` : `Question ${i / 2 + 1}: ${TITLE}?`,
      reasoning: '',
      status: 'complete',
      stats: null,
      createdAt: at + i * 1000,
    }));
    const conversation = await rpc.client.chat.import({
      content: JSON.stringify({
        format: 'caliper.conversation',
        version: 1,
        conversation: { title: TITLE, systemPrompt: '', sampling: { temperature: 0.8, topP: 0.95, topK: 40, minP: 0.05, repeatPenalty: 1.1, seed: null, maxTokens: 64 }, modelPath: path('qwen2'), createdAt: at, leafId: 'm7' },
        messages,
      }),
    });
    const comparison = await rpc.client.compare.create({ panes: [{ model: { kind: 'local', path: path('qwen2') } }, { model: { kind: 'local', path: path('llama-mha') } }, { model: { kind: 'local', path: path('phi3') } }], options: {} });
    const download = await rpc.client.downloads.start({ repoId: 'caliper-test/Tiny-Qwen2-GGUF', path: 'tiny-qwen2-F32.gguf' });
    await expect.poll(async () => (await rpc.client.downloads.list()).find((d) => d.id === download.id)?.state, { timeout: 30_000 }).toBe('done');
    world = { host, hub, rpc, params: { chat: conversation.id, compare: comparison.id } };
  });
  test.afterAll(async () => stop(world));

  test('English, light: every view at every size', async ({ page }) => {
    await page.goto(world.host.url);
    await setLook(page, world.rpc.client, 'en', 'light');
    expect(await sweep(page, world, 'en-light', sizes)).toEqual([]);
    // Six pills do not fit at 1024 px: the rest are behind "+N", and they are all there.
    await page.setViewportSize(sizes[0]);
    await openView(page, 'models');
    const shown = await page.getByTestId('topbar-model').count();
    await expect(page.getByTestId('topbar-more')).toHaveAttribute('data-count', String(6 - shown));
    await page.getByTestId('topbar-more').click();
    await expect(page.getByTestId('topbar-more-model')).toHaveCount(6 - shown);
    await page.keyboard.press('Escape');
    // The rail is icons only below 1200 px, and the chat list moves into a drawer with the panel open.
    await expect(page.getByTestId('nav-rail')).toHaveAttribute('data-compact', 'true');
    await openView(page, 'chat', world.params.chat);
    await expect(page.getByTestId('chat-view')).toHaveAttribute('data-list', 'inline');
    await page.getByTestId('settings-panel-toggle').click();
    await expect(page.getByTestId('chat-view')).toHaveAttribute('data-list', 'drawer');
    expect(await checkView(page, test.info(), 'chat-panel-1024x700-en-light')).toEqual([]);
    await page.getByTestId('show-conversations').click();
    await expect(page.getByTestId('conversation-drawer').getByTestId('conversation-list')).toBeVisible();
    await page.keyboard.press('Escape');
    await page.getByTestId('settings-panel-toggle').click();
  });

  test('简体中文, dark: every view at 1024×700', async ({ page }) => {
    await page.goto(world.host.url);
    await setLook(page, world.rpc.client, 'zh-CN', 'dark');
    expect(await sweep(page, world, 'zh-dark', [sizes[0]])).toEqual([]);
  });

  test('axe finds nothing serious in any view, light and dark (contrast), nor in the dialogs', async ({ page }) => {
    await page.setViewportSize(sizes[1]);
    await page.goto(world.host.url);
    const problems: string[] = [];
    for (const [language, theme] of [
      ['en', 'light'],
      ['zh-CN', 'dark'],
    ] as const) {
      const contrastOnly = theme === 'dark';
      await setLook(page, world.rpc.client, language, theme);
      for (const view of views) {
        await openView(page, view, world.params[view]);
        problems.push(...(await accessibilityProblems(page, `${view} ${language} ${theme}`, contrastOnly)));
      }
      // The dialogs and menus over a view.
      await openView(page, 'models');
      await page.getByTestId('model-row').first().getByTestId('model-file').click();
      await expect(page.getByTestId('model-inspector')).toBeVisible();
      problems.push(...(await accessibilityProblems(page, `inspector ${language} ${theme}`, contrastOnly, '[role="dialog"]')));
      await page.keyboard.press('Escape');
      await page.getByTestId('open-palette').click();
      await expect(page.getByTestId('palette-input')).toBeFocused();
      problems.push(...(await accessibilityProblems(page, `palette ${language} ${theme}`, contrastOnly, '[role="dialog"]')));
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+/');
      await expect(page.getByTestId('shortcuts-dialog')).toBeVisible();
      problems.push(...(await accessibilityProblems(page, `shortcuts ${language} ${theme}`, contrastOnly, '[role="dialog"]')));
      await page.keyboard.press('Escape');
    }
    expect(problems).toEqual([]);
  });
});

test.describe('empty: a first run with no model anywhere', () => {
  test.describe.configure({ mode: 'serial', timeout: 180_000 });
  let world: World;

  test.beforeAll(async () => {
    const fixtures = await ensureFixtures();
    const hub = await FakeHub.start(starterHubModels(fixtures));
    // LM Studio has kept a model on this machine: offered before any download.
    const home = tempDir();
    const lmStudio = join(home, '.lmstudio', 'models', 'lmstudio-community', 'Qwen2-GGUF');
    mkdirSync(lmStudio, { recursive: true });
    copyFileSync(fixtures.byId.qwen2.path, join(lmStudio, 'qwen2-tiny.gguf'));
    const host = await startHost({
      dataDir: tempDir(),
      modelsDir: tempDir('caliper-models-'),
      env: { HF_ENDPOINT: hub.url, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), OLLAMA_MODELS: '' },
    });
    world = { host, hub, rpc: await connectRpc(host), params: {} };
  });
  test.afterAll(async () => stop(world));

  test('English, light: every view at every size; 简体中文, dark, at 1280×800', async ({ page }) => {
    await page.goto(world.host.url);
    await setLook(page, world.rpc.client, 'en', 'light');
    const problems = await sweep(page, world, 'en-light', sizes);
    await setLook(page, world.rpc.client, 'zh-CN', 'dark');
    problems.push(...(await sweep(page, world, 'zh-dark', [sizes[1]])));
    expect(problems).toEqual([]);
  });

  test('axe finds nothing serious on the first-run screens, light and dark (contrast)', async ({ page }) => {
    await page.setViewportSize(sizes[1]);
    await page.goto(world.host.url);
    const problems: string[] = [];
    for (const [language, theme] of [
      ['en', 'light'],
      ['zh-CN', 'dark'],
    ] as const) {
      await setLook(page, world.rpc.client, language, theme);
      for (const view of ['chat', 'compare', 'models', 'downloads'] as const) {
        await openView(page, view);
        problems.push(...(await accessibilityProblems(page, `${view} (empty) ${language} ${theme}`, theme === 'dark')));
      }
    }
    expect(problems).toEqual([]);
  });
});
