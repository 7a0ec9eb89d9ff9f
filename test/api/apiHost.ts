import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { App } from '../../src/main/composition';
import { ensureFixtures, type FixtureId, type FixtureSet } from '../fixtures/generate';
import { createTestApp } from '../support/testApp';
import { startTestHost, type TestHost } from '../support/testHost';

export interface ApiHost {
  fixtures: FixtureSet;
  app: App;
  host: TestHost;
  dispose(): Promise<void>;
}

/** A real app and host over a model folder holding the given fixtures as `<id>.gguf`. */
export async function startApiHost(models: FixtureId[]): Promise<ApiHost> {
  const fixtures = await ensureFixtures();
  const modelsDir = mkdtempSync(join(tmpdir(), 'caliper-api-models-'));
  const dataDir = mkdtempSync(join(tmpdir(), 'caliper-api-data-'));
  for (const id of models) copyFileSync(fixtures.byId[id].path, join(modelsDir, `${id}.gguf`));
  const app = createTestApp(dataDir, modelsDir);
  const host = await startTestHost(app);
  return {
    fixtures,
    app,
    host,
    async dispose() {
      await host.close();
      await app.dispose();
      for (const dir of [modelsDir, dataDir]) rmSync(dir, { recursive: true, force: true });
    },
  };
}
