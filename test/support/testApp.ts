import { join } from 'node:path';
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
