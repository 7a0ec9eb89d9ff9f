import { app, BrowserWindow } from 'electron';
import { resolveLanguage, type Language } from '../../shared/i18n';
import type { LanguageSetting } from '../../shared/contract';
import { startupFailurePage, type StartupFailure } from '../base/startupFailure';

/**
 * A window with a static page saying what failed and what to do (see base/startupFailure.ts). No
 * preload and no JavaScript; it cannot navigate. Closing the page of a fatal failure quits.
 */
export function showStartupFailure(
  failure: StartupFailure,
  options: { dataDir: string; language?: LanguageSetting; parent?: BrowserWindow },
): BrowserWindow {
  const language: Language = resolveLanguage(options.language ?? 'system', app.getLocale());
  const window = new BrowserWindow({
    width: 680,
    height: 560,
    parent: options.parent,
    autoHideMenuBar: true,
    webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false, spellcheck: false },
  });
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  const html = startupFailurePage(failure, { language, dataDir: options.dataDir, platform: process.platform });
  void window.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
  return window;
}
