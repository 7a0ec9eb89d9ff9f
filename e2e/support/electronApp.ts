import { chromium, type Browser, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { findElectronBinary } from '../../scripts/lib/electron.mjs';
import { translate } from '../../src/shared/i18n';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** What to start: the packaged app (CALIPER_E2E_APP, the release pipeline) or Electron on this checkout. */
export type ElectronTarget = { executable: string; args: string[]; packaged: boolean } | { skip: string };

export function electronTarget(): ElectronTarget {
  const packaged = process.env.CALIPER_E2E_APP;
  if (packaged) {
    // The release pipeline asked for this package: its absence is a failure, never a skip.
    if (!existsSync(packaged)) throw new Error(`CALIPER_E2E_APP=${packaged} does not exist`);
    return { executable: packaged, args: [], packaged: true };
  }
  const binary = findElectronBinary();
  if (binary.path === null) return { skip: `Electron suite skipped: ${translate('en', binary.key, binary.vars)}` };
  return { executable: binary.path, args: [root], packaged: false };
}

export interface RunningApp {
  process: ChildProcess;
  browser: Browser;
  /** The app's window (the first page Electron opens). */
  page: Page;
  pages(): Page[];
  close(): Promise<void>;
}

/**
 * Starts the app and drives it over the Chrome DevTools Protocol. Playwright's `_electron.launch`
 * attaches through Node's inspector, which the package's EnableNodeCliInspectArguments fuse turns
 * off; `--remote-debugging-port` is Chromium's and reaches the window either way, so the same
 * suite runs against a development checkout and a fused, signed package.
 */
export async function launchApp(target: Exclude<ElectronTarget, { skip: string }>, options: { env: Record<string, string>; args?: string[] }): Promise<RunningApp> {
  const sandbox = process.platform === 'linux' && process.env.CI ? ['--no-sandbox'] : [];
  const child = spawn(target.executable, [...target.args, '--remote-debugging-port=0', ...sandbox, ...(options.args ?? [])], {
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const endpoint = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no DevTools endpoint within 60 s:\n${output}`)), 60_000);
    const onData = (data: Buffer) => {
      output += data.toString();
      const match = /DevTools listening on (ws:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`the app exited (${code}) before it opened a window:\n${output}`)));
  });
  const browser = await chromium.connectOverCDP(endpoint);
  const context = browser.contexts()[0];
  if (!context) throw new Error(`the app exposes no browser context:\n${output}`);
  const page = context.pages().find((p: Page) => p.url().startsWith('app://')) ?? (await context.waitForEvent('page', { timeout: 60_000 }));
  const exited = new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', () => resolve())));
  return {
    process: child,
    browser,
    page,
    pages: () => context.pages(),
    async close() {
      await browser.close().catch(() => undefined);
      if (child.exitCode === null) child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(killer);
    },
  };
}
