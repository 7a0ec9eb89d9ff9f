import { expect, test, type Locator, type Page } from '@playwright/test';
import { removeDir, startHost, tempDir, type Host } from '../support/host';
import { connectRpc, type RpcClient } from '../support/rpc';

/**
 * Compare's pane dividers in a real browser: a drag moves a divider exactly as far as the pointer
 * went, a cancelled drag (the system taking the pointer away) leaves a layout that adds up, the
 * keyboard moves them too, and no pane can be squeezed below its minimum in the smallest window.
 * No models are needed: panes without one still sit side by side.
 */

let host: Host;
let rpc: { client: RpcClient; close(): void };

test.use({ locale: 'en-US' });

test.beforeAll(async () => {
  host = await startHost({ dataDir: tempDir(), modelsDir: tempDir() });
  rpc = await connectRpc(host);
});
test.afterAll(async () => {
  rpc.close();
  await host.stop();
  removeDir(host.dataDir);
  removeDir(host.modelsDir);
});

async function openComparison(page: Page, panes: number): Promise<void> {
  const comparison = await rpc.client.compare.create({ panes: Array.from({ length: panes }, () => ({})), options: {} });
  await page.goto(`${host.url}#/compare/${encodeURIComponent(comparison.id)}`);
  await expect(page.getByTestId('pane-slot')).toHaveCount(panes);
}

const box = async (locator: Locator) => (await locator.boundingBox())!;
const centre = async (locator: Locator) => {
  const b = await box(locator);
  return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
};

/** Every pane's width, the dividers' and the row's: a consistent layout adds up and keeps the minimum. */
async function expectConsistent(page: Page): Promise<number[]> {
  const row = await box(page.getByTestId('compare-panes'));
  const slots = await Promise.all((await page.getByTestId('pane-slot').all()).map(box));
  const dividers = await Promise.all((await page.getByTestId('pane-divider').all()).map(box));
  const total = slots.reduce((sum, s) => sum + s.width, 0) + dividers.reduce((sum, d) => sum + d.width, 0);
  expect(Math.abs(total - row.width)).toBeLessThanOrEqual(1);
  for (const s of slots) expect(s.width).toBeGreaterThanOrEqual(199);
  // Each divider sits between its two panes, and says where it is.
  for (const [i, d] of dividers.entries()) {
    expect(Math.abs(d.x - (slots[i]!.x + slots[i]!.width))).toBeLessThanOrEqual(1);
    const now = Number(await page.getByTestId('pane-divider').nth(i).getAttribute('aria-valuenow'));
    expect(Math.abs(now - (slots[i]!.width / row.width) * 100)).toBeLessThanOrEqual(1);
  }
  return slots.map((s) => s.width);
}

test('a divider follows the mouse exactly, and a cancelled drag leaves a consistent layout', async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 900 });
  await openComparison(page, 3);
  const first = page.getByTestId('pane-divider').first();
  await expect(page.getByRole('separator', { name: 'Resize panes A and B' })).toBeVisible();
  await expect(page.getByRole('separator', { name: 'Resize panes B and C' })).toBeVisible();
  const before = await expectConsistent(page);

  // 200 px to the right, in small steps as a hand would: the divider and the left pane follow.
  const start = await centre(first);
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(start.x + 200, start.y, { steps: 20 });
  await page.mouse.up();
  const moved = await centre(first);
  expect(Math.abs(moved.x - start.x - 200)).toBeLessThanOrEqual(2);
  const after = await expectConsistent(page);
  expect(Math.abs(after[0]! - before[0]! - 200)).toBeLessThanOrEqual(2);
  expect(Math.abs(before[1]! - after[1]! - 200)).toBeLessThanOrEqual(2);
  expect(Math.abs(after[2]! - before[2]!)).toBeLessThanOrEqual(1);

  // The second divider back 100 px to the left.
  const second = page.getByTestId('pane-divider').nth(1);
  const from = await centre(second);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x - 100, from.y, { steps: 10 });
  await page.mouse.up();
  expect(Math.abs((await centre(second)).x - (from.x - 100))).toBeLessThanOrEqual(2);
  await expectConsistent(page);

  // Mid-drag the system cancels the pointer: the drag ends where it was, and later moves do nothing.
  const held = await centre(first);
  await page.mouse.move(held.x, held.y);
  await page.mouse.down();
  await page.mouse.move(held.x - 80, held.y, { steps: 8 });
  await page.evaluate(() =>
    document.dispatchEvent(new PointerEvent('pointercancel', { bubbles: true, pointerId: 1, pointerType: 'mouse' })),
  );
  const cancelled = await centre(first);
  expect(Math.abs(cancelled.x - (held.x - 80))).toBeLessThanOrEqual(2);
  await page.mouse.move(held.x - 240, held.y, { steps: 8 });
  await page.mouse.up();
  expect(Math.abs((await centre(first)).x - cancelled.x)).toBeLessThanOrEqual(1);
  await expect(first).not.toHaveAttribute('data-separator', 'active');
  await expectConsistent(page);

  // The keyboard moves it too.
  await first.focus();
  const keyed = await centre(first);
  await page.keyboard.press('ArrowRight');
  expect((await centre(first)).x).toBeGreaterThan(keyed.x + 20);
  await page.keyboard.press('ArrowLeft');
  expect(Math.abs((await centre(first)).x - keyed.x)).toBeLessThanOrEqual(2);
  await expectConsistent(page);
});

test('in the smallest window four panes keep their minimum width and the page never scrolls sideways', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 700 });
  await openComparison(page, 4);
  await expectConsistent(page);
  const first = page.getByTestId('pane-divider').first();
  const start = await centre(first);
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(start.x + 600, start.y, { steps: 20 });
  await page.mouse.up();
  const widths = await expectConsistent(page);
  // The panes it pushed stop at their minimum.
  expect(Math.min(...widths)).toBeLessThanOrEqual(201);
  await first.focus();
  await page.keyboard.press('End');
  await expectConsistent(page);
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
});
