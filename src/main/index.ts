import { onError } from '@orpc/server';
import { RPCHandler } from '@orpc/server/message-port';
import { app, BrowserWindow, ipcMain, session, type IpcMainEvent } from 'electron';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { APP_INDEX_URL, isAppPage } from './base/appUrl';
import { builtEntryPoints } from './base/entryPoints';
import { resourcesDirBeside } from './base/resourcesDir';
import { mapValidationError } from './base/appError';
import { classifyStartupFailure, engineLoadFailure } from './base/startupFailure';
import { createApp, type App } from './composition';
import { registerAppScheme, serveAppProtocol } from './electron/appProtocol';
import { collectOpenedFiles } from './electron/openFiles';
import { contentSecurityPolicyHeader, lockDownSession, lockDownWebContents } from './electron/security';
import { showStartupFailure } from './electron/startupFailureWindow';
import { startUpdates } from './electron/updater';
import { utilityLauncher } from './electron/utilityLauncher';
import { contentSecurityPolicy } from './server/staticFiles';
import { LocalApiServer } from './server/localApiServer';

/** The desktop shell: a window and a MessagePort. Everything else is shared with the headless host. */

const here = dirname(fileURLToPath(import.meta.url));
const rendererDir = join(here, '..', 'renderer');

// A separate data folder for tests and portable use; the default is the OS's userData folder.
if (process.env.CALIPER_DATA_DIR) app.setPath('userData', process.env.CALIPER_DATA_DIR);

registerAppScheme();
const openedFiles = collectOpenedFiles();

if (!app.requestSingleInstanceLock()) {
  // The first instance gets our command line (a .gguf to open) through 'second-instance'.
  app.quit();
} else {
  void app.whenReady().then(start);
}

function start(): void {
  const dataDir = app.getPath('userData');
  lockDownSession(session.defaultSession);
  serveAppProtocol(rendererDir, contentSecurityPolicy());
  app.on('window-all-closed', () => app.quit());

  let caliper: App;
  try {
    caliper = createApp({
      appVersion: app.getVersion(),
      shell: 'electron',
      dataDir,
      modelsDir: join(dataDir, 'models'),
      entryPoints: builtEntryPoints(here),
      resourcesDir: resourcesDirBeside(here),
      hubEndpointEnv: process.env.HF_ENDPOINT,
      // Every child is a utilityProcess: with the RunAsNode fuse off, fork() cannot start Node.
      launchEngine: utilityLauncher,
      sqliteNativeBinding: developmentSqlite(),
    });
  } catch (error) {
    // Usually a native module built for another Electron or platform: a page that says what to do.
    console.error(error);
    showStartupFailure(classifyStartupFailure(error), { dataDir });
    return;
  }
  const handler = new RPCHandler(caliper.router, { clientInterceptors: [onError(mapValidationError)] });
  // The OpenAI-compatible API for the user's own programs, on 127.0.0.1, when turned on in Settings.
  const localApi = new LocalApiServer({ api: caliper.services.api, settings: caliper.services.settings });
  void localApi.start();

  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    show: false,
    title: 'Caliper',
    webPreferences: {
      preload: join(here, '..', 'preload', 'index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  lockDownWebContents(window.webContents, isAppPage);
  contentSecurityPolicyHeader(window, contentSecurityPolicy());

  ipcMain.on('caliper:connect', (event: IpcMainEvent) => {
    // Serve only our own window's top frame showing our own page.
    const frame = event.senderFrame;
    if (event.sender !== window.webContents || !frame || frame.parent !== null || !isAppPage(frame.url)) return;
    const [port] = event.ports;
    if (!port) return;
    handler.upgrade(port, { context: {} });
    port.start();
  });

  openedFiles.attach(
    (path) => caliper.services.openRequests.open(path),
    () => {
      if (window.isMinimized()) window.restore();
      window.focus();
    },
  );
  window.once('ready-to-show', () => {
    window.show();
    void checkEngine(caliper, window, dataDir);
  });
  void window.loadURL(APP_INDEX_URL);

  const stopUpdates = app.isPackaged ? startUpdates(caliper.services.settings) : () => undefined;
  app.on('will-quit', () => {
    stopUpdates();
    void localApi.dispose().finally(() => caliper.dispose());
  });
}

/** A package whose engine cannot load says so once, beside a window that otherwise works. */
async function checkEngine(caliper: App, window: BrowserWindow, dataDir: string): Promise<void> {
  const gpu = await caliper.services.system.gpu();
  if (gpu.state !== 'failed' || gpu.code !== 'ENGINE_UNAVAILABLE') return;
  const failure = engineLoadFailure(gpu.detail);
  if (failure) showStartupFailure(failure, { dataDir, language: caliper.services.settings.get().language, parent: window });
}

/**
 * `npm start` builds better-sqlite3 for Electron's ABI beside the Node build tests use
 * (scripts/electron-native.mjs); a package has it rebuilt in place by electron-builder.
 */
function developmentSqlite(): string | undefined {
  if (app.isPackaged) return undefined;
  const cache = process.env.CALIPER_ELECTRON_CACHE || join(here, '..', '..', 'node_modules', '.cache', 'caliper-electron');
  const file = join(cache, 'better_sqlite3.node');
  return existsSync(file) ? file : undefined;
}
