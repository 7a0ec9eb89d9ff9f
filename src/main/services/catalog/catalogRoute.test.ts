import { afterEach, describe, expect, it } from 'vitest';
import { useTempDirs } from '../../../../test/support/tempDir';
import { createTestApp } from '../../../../test/support/testApp';
import type { App } from '../../composition';

const tempDir = useTempDirs();
const apps: App[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.dispose();
});

describe('catalog.list through the app', () => {
  it('serves the bundled families from the default resources folder, validated by the contract', async () => {
    const app = createTestApp(tempDir());
    apps.push(app);
    const families = await app.client.catalog.list();
    expect(families.map((f) => f.id)).toEqual(expect.arrayContaining(['llama-3', 'qwen-3', 'llava']));
    expect(families.find((f) => f.id === 'llava')?.engineSupport).toBe('image_input_unsupported');
  });
});
