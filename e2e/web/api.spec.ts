import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { populatedModelsDir, removeDir, startHost, tempDir } from '../support/host';

/** The local API as a user sets it up: a key, a program's requests in the live log, an alias, a revoked key. */

test.use({ locale: 'en-US' });
// The first request loads the model just in time (10–20 s on two cores).
test.describe.configure({ timeout: 150_000 });

/**
 * Labels, roles, table headers, keyboard reach of what `selector` holds. Contrast is left out: the
 * theme's dimmed text and light badges fall short app-wide, which is the theme's to fix.
 */
async function expectAccessible(page: Page, selector: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).include(selector).disableRules(['color-contrast']).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

test('a key from Settings works, requests show up live, an alias becomes a model name, and a revoked key is refused', async ({ page }) => {
  const models = await populatedModelsDir();
  const host = await startHost({ dataDir: tempDir(), modelsDir: models.dir });
  const chat = (key: string) =>
    fetch(`${host.apiBase}/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'qwen2', messages: [{ role: 'user', content: 'hi' }], max_tokens: 4 }),
    });
  try {
    // Where programs reach the API; nothing asked of it yet.
    await page.goto(`${host.url}#/api`);
    await expect(page.getByTestId('api-serve-state')).toHaveAttribute('data-state', 'serving');
    await expect(page.getByTestId('api-base-url')).toHaveText(host.apiBase);
    await expect(page.locator('[data-testid="api-snippet"][data-language="curl"]')).toContainText(`curl ${host.apiBase}/chat/completions`);
    await expect(page.getByTestId('api-log-empty')).toBeVisible();

    // A key, created in Settings and shown once.
    await page.getByTestId('nav-settings').click();
    const section = page.getByTestId('local-api-section');
    await expect(section.getByTestId('api-headless-line')).toContainText(host.apiBase);
    await section.getByTestId('api-key-name').fill('e2e script');
    await section.getByTestId('api-key-create').click();
    const secret = page.getByTestId('api-new-key');
    await expect(secret).toHaveText(/^cal-\S{20,}$/);
    const key = (await secret.textContent())!;
    await page.getByTestId('api-new-key-done').click();
    await expect(secret).toBeHidden();
    const keyRow = section.getByTestId('api-key-row');
    await expect(keyRow).toHaveAttribute('data-name', 'e2e script');
    await expect(keyRow).toContainText(`${key.slice(0, 10)}…`);
    await expect(page.getByText(key)).toHaveCount(0);
    await expectAccessible(page, '[data-testid="local-api-section"]');

    // A program's request appears in the open view as it finishes, newest on top.
    await page.getByTestId('nav-api').click();
    await expect(page.getByTestId('api-log-empty')).toBeVisible();
    expect((await chat(key)).status).toBe(200);
    const newest = page.getByTestId('api-log-row').first();
    await expect(newest).toHaveAttribute('data-status', '200', { timeout: 30_000 });
    await expect(newest).toHaveAttribute('data-model', 'qwen2');
    await expect(newest.getByTestId('api-log-key')).toHaveText('e2e script');
    // The request loaded the model: the table and the examples follow.
    const qwen = page.locator('[data-testid="api-model-row"][data-id="qwen2"]');
    await expect(qwen).toHaveAttribute('data-loaded', 'true');
    await expect(page.locator('[data-testid="api-snippet"][data-language="curl"]')).toContainText('"model": "qwen2"');

    expect((await chat('cal-not-a-key')).status).toBe(401);
    await expect(page.getByTestId('api-log-row')).toHaveCount(2);
    await expect(newest).toHaveAttribute('data-status', '401');
    await expect(newest.getByTestId('api-log-key')).toHaveText('no key');
    await expect(newest.getByTestId('api-log-error')).toHaveText('invalid_api_key');
    await expectAccessible(page, 'main');

    // An alias added in the view is a name programs can use.
    await qwen.getByTestId('api-alias-add').click();
    await qwen.getByTestId('api-alias-input').fill('my-model');
    await qwen.getByTestId('api-alias-save').click();
    await expect(qwen.locator('[data-testid="api-alias"][data-alias="my-model"]')).toBeVisible();
    const listed = (await (await fetch(`${host.apiBase}/models`, { headers: { authorization: `Bearer ${key}` } })).json()) as { data: { id: string }[] };
    expect(listed.data.map((m) => m.id)).toContain('my-model');

    // Revoked in Settings: the next request with that key is refused.
    await page.getByTestId('nav-settings').click();
    await keyRow.getByTestId('api-key-revoke').click();
    await page.getByTestId('confirm-delete').click();
    await expect(section.getByTestId('api-keys-empty')).toBeVisible();
    expect((await chat(key)).status).toBe(401);
  } finally {
    await host.stop();
    removeDir(host.dataDir);
    removeDir(host.modelsDir);
  }
});
