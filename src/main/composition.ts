import { createRouterClient, onError, type RouterClient } from '@orpc/server';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { StorageNotice } from '../shared/contract';
import type { EntryPoints } from './base/entryPoints';
import { mapValidationError } from './base/appError';
import { EngineSupervisor, type EngineSupervisorOptions } from './engine/engineSupervisor';
import { forkLauncher, type EngineLauncher } from './engine/launcher';
import { createRouter, type AppRouter } from './router';
import { HeaderCache } from './services/library/headerCache';
import { HeaderReaderPool } from './services/library/headerReaderPool';
import { LibraryService } from './services/library/libraryService';
import { ChatService } from './services/chat/chatService';
import { ChatStore } from './services/chat/chatStore';
import { EngineService } from './services/engine/engineService';
import { SettingsService } from './services/settings/settingsService';
import { SystemService } from './services/system/systemService';
import { openDatabase, type Db } from './storage/database';

export interface CompositionOptions {
  appVersion: string;
  shell: 'electron' | 'headless';
  dataDir: string;
  /** Default folder for downloads; always scanned. */
  modelsDir: string;
  entryPoints: EntryPoints;
  launchEngine?: EngineLauncher;
  engineOptions?: EngineSupervisorOptions;
  sqliteNativeBinding?: string;
}

export interface Services {
  db: Db;
  storageNotice: StorageNotice | null;
  settings: SettingsService;
  system: SystemService;
  library: LibraryService;
  engine: EngineSupervisor;
  engineService: EngineService;
  chat: ChatService;
}

export interface App {
  services: Services;
  router: AppRouter;
  /** The router called in memory, with the same interceptors the transports use. */
  client: RouterClient<AppRouter>;
  dispose(): Promise<void>;
}

/** Builds every service once; both shells (Electron, headless) and the tests start here. */
export function createApp(options: CompositionOptions): App {
  mkdirSync(options.dataDir, { recursive: true });
  mkdirSync(options.modelsDir, { recursive: true });
  const { db, notice } = openDatabase({
    file: join(options.dataDir, 'caliper.db'),
    backupsDir: join(options.dataDir, 'backups'),
    nativeBinding: options.sqliteNativeBinding,
  });

  const engine = new EngineSupervisor(options.entryPoints.engineHost, options.launchEngine ?? forkLauncher, options.engineOptions);
  const settings = new SettingsService(db);
  const reader = new HeaderReaderPool(options.entryPoints.ggufWorker);
  const cache = new HeaderCache(db);
  const folders = () => [...new Set([options.modelsDir, ...settings.get().modelFolders])];
  const library = new LibraryService({
    folders,
    reader,
    cache,
    isLoaded: (path) => engine.list().some((m) => m.path === path),
  });
  const engineService = new EngineService({ engine, reader, cache, folders });
  const chat = new ChatService(new ChatStore(db), engine, cache);
  const system = new SystemService({
    appVersion: options.appVersion,
    shell: options.shell,
    dataDir: options.dataDir,
    modelsDir: options.modelsDir,
    storageNotice: notice,
    engine,
  });

  const services: Services = { db, storageNotice: notice, settings, system, library, engine, engineService, chat };
  const router = createRouter(services);
  const client = createRouterClient(router, { interceptors: [onError(mapValidationError)] });

  return {
    services,
    router,
    client,
    async dispose() {
      engine.dispose();
      await reader.dispose();
      db.close();
    },
  };
}
