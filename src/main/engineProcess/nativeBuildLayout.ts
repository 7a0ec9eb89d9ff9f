import { join } from 'node:path';

/**
 * The layout of an engine build made for this machine (services/engineBuild writes it, the engine
 * host loads it): `<dir>/Release/llama-addon.node` with its shared libraries, `<dir>/caliper-build.json`.
 * The supervisor names the folder to engine processes in `CALIPER_ENGINE_NATIVE_DIR`.
 */
export const NATIVE_DIR_ENV = 'CALIPER_ENGINE_NATIVE_DIR';
export const NATIVE_METADATA_FILE = 'caliper-build.json';
export const NATIVE_ADDON = join('Release', 'llama-addon.node');

export interface NativeBuildMetadata {
  nodeLlamaCppVersion: string;
  llamaCppRelease: string;
  builtAt: number;
  /** Revision of Caliper's own addition to the addon (absent: a build from before it existed). */
  caliperAddon?: number;
}

/**
 * The version of Caliper's addition to the addon (resources/engine-addon), raised with every change
 * to its contract; the addon reports its own (`caliperGenerateRevision`) and only a match is used.
 */
export const CALIPER_ADDON_REVISION = 2;
