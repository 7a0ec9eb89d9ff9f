import { apiContract } from './api.contract';
import { benchContract } from './bench.contract';
import { catalogContract } from './catalog.contract';
import { chatContract } from './chat.contract';
import { arenaContract, compareContract } from './compare.contract';
import { downloadsContract } from './downloads.contract';
import { engineContract } from './engine.contract';
import { historyContract } from './history.contract';
import { engineBuildContract } from './engineBuild.contract';
import { hubContract } from './hub.contract';
import { libraryContract } from './library.contract';
import { loraContract } from './lora.contract';
import { qualityContract } from './quality.contract';
import { remoteContract } from './remote.contract';
import { quantizeContract } from './quantize.contract';
import { settingsContract } from './settings.contract';
import { storageContract } from './storage.contract';
import { suitesContract } from './suites.contract';
import { systemContract } from './system.contract';

/** The whole API, one object per domain, served unchanged over MessagePort, WebSocket and in memory. */
export const contract = {
  system: systemContract,
  settings: settingsContract,
  library: libraryContract,
  engine: engineContract,
  chat: chatContract,
  catalog: catalogContract,
  hub: hubContract,
  downloads: downloadsContract,
  compare: compareContract,
  arena: arenaContract,
  suites: suitesContract,
  quantize: quantizeContract,
  quality: qualityContract,
  lora: loraContract,
  api: apiContract,
  storage: storageContract,
  history: historyContract,
  remote: remoteContract,
  bench: benchContract,
  engineBuild: engineBuildContract,
};
export type AppContract = typeof contract;

export * from './api.contract';
export * from './bench.contract';
export * from './catalog.contract';
export * from './chat.contract';
export * from './compare.contract';
export * from './downloads.contract';
export * from './engine.contract';
export * from './history.contract';
export * from './engineBuild.contract';
export * from './engineBuildRequirement';
export * from './hub.contract';
export * from './errors';
export * from './library.contract';
export * from './lora.contract';
export * from './modelRef';
export * from './quality.contract';
export * from './remote.contract';
export * from './quantize.contract';
export * from './settings.contract';
export * from './storage.contract';
export * from './suites.contract';
export * from './system.contract';
