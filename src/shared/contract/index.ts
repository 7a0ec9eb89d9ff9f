import { libraryContract } from './library.contract';
import { settingsContract } from './settings.contract';
import { systemContract } from './system.contract';

/** The whole API, one object per domain, served unchanged over MessagePort, WebSocket and in memory. */
export const contract = {
  system: systemContract,
  settings: settingsContract,
  library: libraryContract,
};
export type AppContract = typeof contract;

export * from './errors';
export * from './library.contract';
export * from './settings.contract';
export * from './system.contract';
