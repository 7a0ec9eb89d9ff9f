import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ensureFixtures } from '../../test/fixtures/generate';

export default async function globalSetup(): Promise<void> {
  const headless = fileURLToPath(new URL('../../out/main/headless.js', import.meta.url));
  if (!existsSync(headless)) throw new Error('The app is not built: run `npm run build` (npm test does it).');
  await ensureFixtures();
}
