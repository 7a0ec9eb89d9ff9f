// `npm run icons`: renders resources/icon.svg with Chromium into the installers' icons under
// build/ (committed: packaging must not need a browser). Run it after changing the SVG.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumPath } from '../../e2e/support/chromium';
import { root } from '../lib/build.mjs';
import { icns, ico, icnsTypes } from './iconFormats';

const linuxSizes = [16, 32, 48, 64, 128, 256, 512];
const icoSizes = [16, 24, 32, 48, 64, 128, 256];
const sizes = [...new Set([...linuxSizes, ...icoSizes, ...icnsTypes.map((t) => t.size)])].sort((a, b) => a - b);

const svg = readFileSync(join(root, 'resources', 'icon.svg'), 'utf8').replace('<svg ', '<svg width="100%" height="100%" ');
const browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox', '--disable-gpu'] });
const renders = new Map<number, Buffer>();
try {
  const page = await browser.newPage();
  for (const size of sizes) {
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(`<!doctype html><html><body style="margin:0;background:transparent">${svg}</body></html>`);
    renders.set(size, await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } }));
  }
} finally {
  await browser.close();
}

const out = join(root, 'build');
rmSync(join(out, 'icons'), { recursive: true, force: true });
mkdirSync(join(out, 'icons'), { recursive: true });
for (const size of linuxSizes) writeFileSync(join(out, 'icons', `${size}x${size}.png`), renders.get(size)!);
writeFileSync(join(out, 'icon.png'), renders.get(1024)!);
writeFileSync(join(out, 'icon.icns'), icns(renders));
writeFileSync(join(out, 'icon.ico'), ico(icoSizes.map((size) => ({ size, png: renders.get(size)! }))));
console.log(`icons written to ${out}`);
