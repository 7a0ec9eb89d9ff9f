import { join } from 'node:path';
import { afterEach } from 'vitest';
import { useTempDirs } from './tempDir';
import { createApp, type App, type CompositionOptions } from '../../src/main/composition';
import { sourceEntryPoints } from './sourceEntryPoints';

/** The real composition (SQLite file, worker, engine process) over a temp data folder. */
export function createTestApp(
  dataDir: string,
  modelsDir = join(dataDir, 'models'),
  extra: Partial<Pick<CompositionOptions, 'hubEndpointEnv' | 'downloadOptions' | 'quantizeOptions' | 'hubOptions' | 'host' | 'storageOptions' | 'engineBuildOptions'>> = {},
): App {
  return createApp({
    ...extra,
    appVersion: '0.0.0-test',
    shell: 'headless',
    dataDir,
    modelsDir,
    entryPoints: sourceEntryPoints,
  });
}

/**
 * `start()` makes an app over a fresh temporary data folder; every app made is disposed after each
 * test, before its folder is removed (vitest runs after-hooks last-registered first).
 */
export function useTestApps(): () => App {
  const tempDir = useTempDirs();
  const apps: App[] = [];
  afterEach(async () => {
    for (const app of apps.splice(0)) await app.dispose();
  });
  return () => {
    const app = createTestApp(tempDir());
    apps.push(app);
    return app;
  };
}
