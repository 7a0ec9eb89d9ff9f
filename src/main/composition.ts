import { createRouterClient, onError, type RouterClient } from '@orpc/server';
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { StorageNotice } from '../shared/contract';
import type { EntryPoints } from './base/entryPoints';
import { defaultResourcesDir } from './base/resourcesDir';
import { mapValidationError } from './base/appError';
import { EngineSupervisor, type EngineSupervisorOptions } from './engineProcess/engineSupervisor';
import { forkLauncher, type EngineLauncher } from './engineProcess/launcher';
import { createRouter, type AppRouter } from './router';
import { FileHashCache } from './services/library/fileHashCache';
import { FolderSuggestions } from './services/library/folderSuggestions';
import { OpenRequests } from './services/library/openRequests';
import type { HostEnvironment } from './services/library/otherAppFolders';
import { HeaderCache } from './services/library/headerCache';
import { HeaderReaderPool } from './services/library/headerReaderPool';
import { LibraryService } from './services/library/libraryService';
import { CatalogService } from './services/catalog/catalogService';
import { StarterService } from './services/catalog/starterService';
import { DownloadService, type DownloadServiceDeps } from './services/downloads/downloadService';
import { DownloadStore } from './services/downloads/downloadStore';
import { HubService } from './services/hub/hubService';
import { ChatService } from './services/chat/chatService';
import { ChatStore } from './services/chat/chatStore';
import { MessageSearch } from './services/chat/messageSearch';
import { CompareService } from './services/compare/compareService';
import { CompareStore } from './services/compare/compareStore';
import { SuiteService } from './services/suites/suiteService';
import { SuiteStore } from './services/suites/suiteStore';
import { EngineService } from './services/engine/engineService';
import { SettingsService } from './services/settings/settingsService';
import { LoadSettingsStore } from './services/engine/loadSettingsStore';
import { SettingsStore } from './services/settings/settingsStore';
import { SystemService } from './services/system/systemService';
import { QuantizeService, type QuantizeServiceDeps } from './services/quantize/quantizeService';
import { LineageStore } from './services/quantize/lineageStore';
import { QualityService } from './services/quality/qualityService';
import { QualityStore } from './services/quality/qualityStore';
import { LoraService } from './services/lora/loraService';
import { ApiService } from './services/api/apiService';
import { ApiKeyStore } from './services/api/apiKeyStore';
import { RequestLogStore } from './services/api/requestLogStore';
import { RemoteService } from './services/remote/remoteService';
import { ConnectionStore } from './services/remote/connectionStore';
import { ModelResolver } from './services/inference/modelResolver';
import { BenchService } from './services/bench/benchService';
import { BenchStore } from './services/bench/benchStore';
import { EngineBuildService, type EngineBuildServiceDeps } from './services/engineBuild/engineBuildService';
import type { HubServiceDeps } from './services/hub/hubService';
import { openDatabase, type Db } from './storage/database';
import { HistoryImports } from './services/history/historyImport';
import { StorageService, type StorageServiceDeps } from './services/storage/storageService';

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
  /** HF_ENDPOINT as the process was started with (the Hub setting overrides it). */
  hubEndpointEnv?: string;
  /** Test seams for downloads (retry timing, disk). */
  downloadOptions?: Pick<DownloadServiceDeps, 'retry' | 'maxConcurrent' | 'openPart' | 'freeBytes'>;
  /** Test seams for quantization (a launcher with a file-size limit, the free space). */
  quantizeOptions?: Partial<Pick<QuantizeServiceDeps, 'launch' | 'freeBytes'>>;
  /** Bundled read-only data (`catalog/`); found above this module when not given. */
  resourcesDir?: string;
  /** Test seams for the Hub (DNS, so a public endpoint can be simulated on loopback). */
  hubOptions?: Pick<HubServiceDeps, 'resolveHost' | 'fetch'>;
  /** Where other apps' model folders are looked for (tests: a temporary home). */
  host?: HostEnvironment;
  /** Test seam for compacting (the free space). */
  storageOptions?: Pick<StorageServiceDeps, 'freeBytes'>;
  /** Test seams for the engine build (the compile itself, the tools check). */
  engineBuildOptions?: Partial<Pick<EngineBuildServiceDeps, 'build' | 'missingTools'>>;
}

export interface Services {
  db: Db;
  storageNotice: StorageNotice | null;
  settings: SettingsService;
  system: SystemService;
  library: LibraryService;
  /** SHA-256 per file version; downloads `put` the hash they verified. */
  fileHashes: FileHashCache;
  engine: EngineSupervisor;
  engineService: EngineService;
  /** Which instance answers, shared loads and holders: what the window and the API see as loaded. */
  resolver: ModelResolver;
  chat: ChatService;
  catalog: CatalogService;
  /** The first-run starter model, picked from the catalog against the Hub in use. */
  starter: StarterService;
  hub: HubService;
  downloads: DownloadService;
  quantize: QuantizeService;
  quality: QualityService;
  lora: LoraService;
  compare: CompareService;
  suites: SuiteService;
  api: ApiService;
  remote: RemoteService;
  bench: BenchService;
  /** "Build the engine for this machine"; its build (when chosen) is what new engine processes load. */
  engineBuild: EngineBuildService;
  /** LM Studio, Ollama and Jan folders found here, offered in the Models view. */
  folderSuggestions: FolderSuggestions;
  /** Files the OS asked to open; the desktop shell feeds it, the renderer shows them. */
  openRequests: OpenRequests;
  chatStore: ChatStore;
  storage: StorageService;
  historyImports: HistoryImports;
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
  const databaseFile = join(options.dataDir, 'caliper.db');
  const { db, notice } = openDatabase({
    file: databaseFile,
    backupsDir: join(options.dataDir, 'backups'),
    nativeBinding: options.sqliteNativeBinding,
  });

  // Engine processes get the engine build's environment (the native build's folder when one is
  // chosen); the quantize process keeps node-llama-cpp's prebuilt library, which it binds by name.
  // One libuv worker thread: node-llama-cpp runs each decode and each sampling step as a libuv job,
  // and with the default four workers consecutive steps land on different threads; with OpenMP
  // every such thread starts a thread team of its own whose workers spin after their region, so at
  // 2 threads on 2 cores the teams fight over the cores (measured: 360 → 526 tok/s, Q4_K_M, native
  // build, 2 threads). The engine process does nothing else on that pool but read a header first.
  const baseLaunch = options.launchEngine ?? forkLauncher;
  let engineBuild: EngineBuildService | null = null;
  const engineLaunch: EngineLauncher = (entry, env) => baseLaunch(entry, { UV_THREADPOOL_SIZE: '1', ...engineBuild?.env(), ...env });
  const engine = new EngineSupervisor(options.entryPoints.engineHost, engineLaunch, options.engineOptions);
  const settingsStore = new SettingsStore(db);
  const settings = new SettingsService(settingsStore);
  const reader = new HeaderReaderPool(options.entryPoints.ggufWorker);
  const cache = new HeaderCache(db);
  const folders = () => [...new Set([options.modelsDir, ...settings.get().modelFolders])];
  const fileHashes = new FileHashCache(db);
  const library = new LibraryService({
    folders,
    reader,
    cache,
    hashes: fileHashes,
    hashWorker: options.entryPoints.fileHashWorker,
    isLoaded: (path) => engine.list().some((m) => m.path === path),
    estimateKvCache: (path, contextSizes) => engine.kvCache(path, contextSizes),
  });
  let watchedFolders = JSON.stringify(folders());
  settings.onDidChange(() => {
    if (JSON.stringify(folders()) === watchedFolders) return;
    watchedFolders = JSON.stringify(folders());
    library.foldersChanged();
  });
  const loadSettings = new LoadSettingsStore(db);
  const engineService = new EngineService({ engine, reader, cache, folders, loadSettings });
  const remote = new RemoteService({ store: new ConnectionStore(db), settings });
  const resolver = new ModelResolver({ engine, engineService, remote, quantization: (path) => cache.lookup(path)?.fileType ?? null });
  const chatStore = new ChatStore(db);
  const chat = new ChatService(chatStore, resolver, new MessageSearch(db));
  const historyImports = new HistoryImports(chatStore);
  const storage = new StorageService({
    db,
    file: databaseFile,
    counts: () => {
      const c = chatStore.count();
      return { conversations: c.chatConversations, messages: c.messages };
    },
    busy: () => (chat.generating ? 'GENERATING' : historyImports.active ? 'IMPORTING' : null),
    ...options.storageOptions,
  });
  storage.start();
  const compare = new CompareService({ store: new CompareStore(db), chat, chatStore, resolver, savedSettings: (path) => loadSettings.get(path) });
  const suites = new SuiteService({ store: new SuiteStore(db), resolver, connections: () => remote.list() });
  const system = new SystemService({
    appVersion: options.appVersion,
    shell: options.shell,
    dataDir: options.dataDir,
    modelsDir: options.modelsDir,
    storageNotice: notice,
    engine,
  });

  const catalog = new CatalogService(options.resourcesDir ?? defaultResourcesDir());

  const hub = new HubService({
    settings,
    engineService,
    reader,
    cacheDir: join(options.dataDir, 'cache', 'hub-headers'),
    environmentEndpoint: options.hubEndpointEnv,
    ...options.hubOptions,
  });
  const starter = new StarterService({ catalog, hub });
  const downloads = new DownloadService({
    store: new DownloadStore(db),
    hub,
    reader,
    modelsDir: options.modelsDir,
    quarantineDir: join(options.dataDir, 'quarantine'),
    // The hash verified while downloading is recorded, so the library does not read the file again.
    onFileReady: (path, sha256) => void library.fileReady(path, sha256).catch(() => undefined),
    ...options.downloadOptions,
  });
  void downloads.restore();
  const quantize = new QuantizeService({
    lineage: new LineageStore(db),
    entry: options.entryPoints.quantizeHost,
    launch: options.launchEngine ?? forkLauncher,
    engine,
    engineService,
    reader,
    cache,
    hashes: fileHashes,
    folders,
    onFileReady: (path, sha256) => void library.fileReady(path, sha256).catch(() => undefined),
    ...options.quantizeOptions,
  });
  const quality = new QualityService({ store: new QualityStore(db), engine, engineService, quantize, cache, hashes: fileHashes });
  const lora = new LoraService({ engine, engineService, snapshot: async () => library.current ?? (await library.list()) });

  const api = new ApiService({ keys: new ApiKeyStore(db), log: new RequestLogStore(db), shell: options.shell, settings, library, engine, resolver, loadSettings });
  const folderSuggestions = new FolderSuggestions({
    store: settingsStore,
    host: options.host ?? { home: homedir(), env: process.env, platform: process.platform },
    folders,
  });
  const openRequests = new OpenRequests();
  const bench = new BenchService({ store: new BenchStore(db), loadSettings, engine, engineService, cache, hashes: fileHashes, appVersion: options.appVersion });
  engineBuild = new EngineBuildService({
    dir: join(options.dataDir, 'engine-build'),
    engine,
    entry: options.entryPoints.engineHost,
    launch: baseLaunch,
    smokeModel: async () => {
      const files = (library.current ?? (await library.list())).files.filter((f) => f.facts?.kind === 'model' && !f.problem);
      return files.sort((a, b) => a.sizeBytes - b.sizeBytes)[0]?.path ?? null;
    },
    ...options.engineBuildOptions,
  });

  const services: Services = {
    db,
    storageNotice: notice,
    settings,
    system,
    library,
    fileHashes,
    engine,
    engineService,
    resolver,
    chat,
    catalog,
    starter,
    hub,
    downloads,
    quantize,
    quality,
    lora,
    compare,
    suites,
    api,
    remote,
    bench,
    engineBuild,
    folderSuggestions,
    openRequests,
    chatStore,
    storage,
    historyImports,
  };
  const router = createRouter(services);
  const client = createRouterClient(router, { interceptors: [onError(mapValidationError)] });

  return {
    services,
    router,
    client,
    async dispose() {
      storage.dispose();
      downloads.dispose();
      quantize.dispose();
      compare.dispose();
      suites.dispose();
      api.dispose();
      engineBuild?.dispose();
      engine.dispose();
      await library.dispose();
      await reader.dispose();
      db.close();
    },
  };
}
