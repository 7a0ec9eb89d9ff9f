import type { EngineFlavor } from './engineVariants';

/**
 * What the app's own files (app.asar + app.asar.unpacked) may weigh per engine flavor, Electron not
 * counted. Linux x64 standard measured 130 MB (engine CPU 30 MB + Vulkan 84 MB) before it carried
 * the engine build's source (+34 MB, `engineSourcePatterns`): a new dependency or a second copy of
 * an engine variant shows up here before it reaches users' downloads.
 */
export const sizeBudgetBytes: Record<EngineFlavor, number> = {
  standard: 200 * 1024 * 1024,
  cuda: 720 * 1024 * 1024,
};
