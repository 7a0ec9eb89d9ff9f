import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, type TestInfo } from '@playwright/test';
import type { RpcClient } from './rpc';

/** The views of the rail, each opened by its address; `chat` and `compare` may carry an id. */
export const views = ['chat', 'compare', 'catalog', 'hub', 'models', 'downloads', 'api', 'settings'] as const;
export type View = (typeof views)[number];

export const sizes = [
  { width: 1024, height: 700 },
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
] as const;
export type Size = (typeof sizes)[number];

/** What each view shows once it has loaded, crowded or empty. */
const ready: Record<View, string> = {
  chat: '[data-testid="composer"], [data-testid="chat-empty"]',
  compare: '[data-testid="compare-composer"], [data-testid="compare-empty"]',
  catalog: '[data-testid="catalog-family"]',
  hub: '[data-testid="hub-results"], [data-testid="hub-no-results"], [data-testid="hub-offline"]',
  models: '[data-testid="model-table"], [data-testid="models-empty"]',
  downloads: '[data-testid="download-list"], [data-testid="downloads-empty"]',
  api: '[data-testid="api-base-url"]',
  settings: '[data-testid="system-section"]',
};

/** First steps (empty library): the starter offer has asked the Hub, whatever it answered. */
const starterSettled = '[data-testid="starter-model"], [data-testid="starter-none"], [data-testid="starter-unavailable"]';

/** Opens a view by its address without reloading the page, and waits until it has drawn its content. */
export async function openView(page: Page, view: View, param?: string): Promise<void> {
  const hash = `#/${view}${param ? `/${encodeURIComponent(param)}` : ''}`;
  await page.evaluate((h) => {
    window.location.hash = h;
  }, hash);
  await expect(page.locator(ready[view]).first()).toBeVisible();
  if (await page.getByTestId('starter').count()) await expect(page.locator(starterSettled).first()).toBeVisible();
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'connected');
}

/** Language and theme through the settings, as Settings would save them; the page follows live. */
export async function setLook(page: Page, client: RpcClient, language: 'en' | 'zh-CN', theme: 'light' | 'dark'): Promise<void> {
  await client.settings.update({ language, theme });
  await expect(page.locator('html')).toHaveAttribute('lang', language);
  await expect(page.locator('html')).toHaveAttribute('data-mantine-color-scheme', theme);
}

/**
 * What must hold in every view at every size: the page never scrolls sideways, no text in the top
 * bar and no badge is cut off, prompt boxes sit inside the window, primary buttons are not pushed
 * off its side, the Models fit column is on screen, and the view has one level-one heading.
 */
export function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const W = window.innerWidth;
    const H = window.innerHeight;
    const overflow = document.documentElement.scrollWidth - W;
    if (overflow > 1) problems.push(`the page scrolls sideways by ${overflow}px`);

    const header = document.querySelector('header');
    for (const el of header?.querySelectorAll<HTMLElement>('*') ?? []) {
      const text = [...el.childNodes]
        .filter((n) => n.nodeType === Node.TEXT_NODE)
        .map((n) => n.textContent?.trim())
        .join('');
      const box = el.getBoundingClientRect();
      if (!text || box.width === 0 || getComputedStyle(el).display === 'inline') continue;
      if (el.scrollWidth > el.clientWidth + 1) problems.push(`top bar text cut off: "${text}"`);
      if (box.left < -1 || box.right > W + 1) problems.push(`top bar text outside the window: "${text}"`);
    }

    // Badges shrink with their row and cut their label ("Loa…", "Mo…") where a row runs out of room.
    for (const label of document.querySelectorAll<HTMLElement>('main .mantine-Badge-label')) {
      if (label.getBoundingClientRect().width === 0) continue;
      if (label.scrollWidth > label.clientWidth + 1) problems.push(`badge text cut off: "${label.textContent}"`);
    }

    const primary = document.querySelectorAll<HTMLElement>('.mantine-Button-root[data-variant="filled"], .mantine-ActionIcon-root[data-variant="filled"]');
    for (const button of primary) {
      const box = button.getBoundingClientRect();
      if (box.width === 0) continue;
      if (box.left < -1 || box.right > W + 1) problems.push(`primary button off the side: "${button.textContent || button.getAttribute('aria-label')}"`);
    }

    for (const id of ['composer', 'compare-composer', 'starter-download']) {
      const el = document.querySelector(`[data-testid="${id}"]`);
      if (!el) continue;
      const box = el.getBoundingClientRect();
      if (box.top < 0 || box.bottom > H + 1 || box.left < 0 || box.right > W + 1) {
        problems.push(`${id} not inside the window (${Math.round(box.left)},${Math.round(box.top)} to ${Math.round(box.right)},${Math.round(box.bottom)} of ${W}×${H})`);
      }
    }

    const fit = document.querySelector('[data-testid="model-table"] th[data-column="fit"]');
    if (fit) {
      const box = fit.getBoundingClientRect();
      const scroller = fit.closest('.mantine-Table-scrollContainer')?.getBoundingClientRect();
      if (box.right > Math.min(W, scroller?.right ?? W) + 1) problems.push('the Models fit column is off screen');
    }
    if (document.querySelector('[data-testid="model-table"]') && !fit) problems.push('the Models table has no fit column');

    const h1 = document.querySelectorAll('main h1').length;
    if (h1 !== 1) problems.push(`${h1} level-one headings`);
    return problems;
  });
}

/** Checks the view as it is now and keeps a screenshot of it with the test's results. */
export async function checkView(page: Page, testInfo: TestInfo, name: string): Promise<string[]> {
  const problems = (await layoutProblems(page)).map((p) => `${name}: ${p}`);
  await testInfo.attach(`${name}.png`, { body: await page.screenshot(), contentType: 'image/png' });
  return problems;
}

/**
 * axe-core's serious and critical findings, and the moderate ones the issue named, as lines.
 * `contrastOnly`: the structure was already checked in another theme; only colours change.
 * `within`: only that part (a dialog over a view already checked).
 */
export async function accessibilityProblems(page: Page, name: string, contrastOnly = false, within?: string): Promise<string[]> {
  let axe = new AxeBuilder({ page });
  if (within) axe = axe.include(within);
  if (contrastOnly) axe = axe.withRules(['color-contrast']);
  const { violations } = await axe.analyze();
  const named = new Set(['page-has-heading-one', 'landmark-no-duplicate-banner', 'landmark-unique']);
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical' || named.has(v.id))
    .flatMap((v) => v.nodes.slice(0, 3).map((n) => `${name}: ${v.id} (${v.impact}) at ${n.target.join(' ')}: ${n.failureSummary?.split('\n')[1]?.trim() ?? ''}`));
}
