import { onError } from '@orpc/server';
import { RPCHandler } from '@orpc/server/message-port';
import { app, BrowserWindow, ipcMain, type IpcMainEvent } from 'electron';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { builtEntryPoints } from './base/entryPoints';
import { resourcesDirBeside } from './base/resourcesDir';
import { mapValidationError } from './base/appError';
import { createApp } from './composition';
import { contentSecurityPolicyHeader, lockDownWebContents } from './electron/security';
import { utilityLauncher } from './electron/utilityLauncher';
import { contentSecurityPolicy } from './server/staticFiles';
import { LocalApiServer } from './server/localApiServer';

/** The desktop shell: a window and a MessagePort. Everything else is shared with the headless host. */

const here = dirname(fileURLToPath(import.meta.url));
const rendererIndex = join(here, '..', 'renderer', 'index.html');
const rendererUrl = pathToFileURL(rendererIndex).href;

// A separate data folder for tests and portable use; the default is the OS's userData folder.
if (process.env.CALIPER_DATA_DIR) app.setPath('userData', process.env.CALIPER_DATA_DIR);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  void app.whenReady().then(start);
}

function start(): void {
  const dataDir = app.getPath('userData');
  // scripts/start.mjs builds better-sqlite3 for Electron's ABI into this file.
  const electronSqlite = join(here, '..', '..', 'node_modules', '.cache', 'caliper-electron', 'better_sqlite3.node');
  const caliper = createApp({
    appVersion: app.getVersion(),
    shell: 'electron',
    dataDir,
    modelsDir: join(dataDir, 'models'),
    entryPoints: builtEntryPoints(here),
    resourcesDir: resourcesDirBeside(here),
    hubEndpointEnv: process.env.HF_ENDPOINT,
    launchEngine: utilityLauncher,
    sqliteNativeBinding: existsSync(electronSqlite) ? electronSqlite : undefined,
  });
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
  const isAppUrl = (url: string) => url.split('#')[0] === rendererUrl;
  lockDownWebContents(window.webContents, isAppUrl);
  contentSecurityPolicyHeader(window, contentSecurityPolicy());

  ipcMain.on('caliper:connect', (event: IpcMainEvent) => {
    // Serve only our own window's top frame loaded from our own files.
    if (event.sender !== window.webContents || !event.senderFrame || !isAppUrl(event.senderFrame.url)) return;
    const [port] = event.ports;
    if (!port) return;
    handler.upgrade(port, { context: {} });
    port.start();
  });

  app.on('second-instance', () => {
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  window.once('ready-to-show', () => window.show());
  void window.loadFile(rendererIndex);

  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => void localApi.dispose().finally(() => caliper.dispose()));
}
