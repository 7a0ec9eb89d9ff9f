import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { addonAbi, installElectronBuild } from '../../scripts/electron-native.mjs';
import { electronAbi, electronVersion } from '../../scripts/lib/electron.mjs';
import { translate } from '../../src/shared/i18n';
import { useTempDirs } from '../support/tempDir';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tempDir = useTempDirs();
const builtMain = join(root, 'out', 'main', 'index.js');

/** `npm start` as a user runs it, offline: only the environment differs. */
function start(env: Record<string, string>) {
  const outBefore = existsSync(builtMain) ? statSync(builtMain).mtimeMs : null;
  const cache = tempDir();
  const result = spawnSync(process.execPath, ['scripts/start.mjs'], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
    env: {
      ...process.env,
      LANG: 'en_US.UTF-8',
      LC_ALL: '',
      LC_MESSAGES: '',
      CALIPER_ELECTRON_CACHE: cache,
      // Nothing can be downloaded: a port where nothing listens.
      CALIPER_ELECTRON_HEADERS_URL: 'http://127.0.0.1:9',
      npm_config_devdir: tempDir(),
      ...env,
    },
  });
  return {
    code: result.status,
    stdout: result.stdout,
    stderrLines: result.stderr.trim().split('\n'),
    // Nothing was compiled or stamped, and the app was not rebuilt.
    cacheEntries: readdirSync(cache),
    outUnchanged: (existsSync(builtMain) ? statSync(builtMain).mtimeMs : null) === outBefore,
  };
}

/** A folder where Electron's binary would be; this one is never run, start stops before it. */
function fakeElectronDist(): string {
  const dir = tempDir();
  writeFileSync(join(dir, 'electron'), '#!/bin/sh\necho "stand-in Electron must not be started" >&2\nexit 3\n');
  chmodSync(join(dir, 'electron'), 0o755);
  return dir;
}

describe('npm start without what the desktop app needs', () => {
  it('stops at once with one sentence when ELECTRON_OVERRIDE_DIST_PATH holds no Electron, rebuilding nothing', () => {
    const empty = tempDir();
    const run = start({ ELECTRON_OVERRIDE_DIST_PATH: empty });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderrLines).toEqual([
      translate('en', 'desktop.start.overrideEmpty', { dir: empty, file: join(empty, 'electron'), version: electronVersion() }),
    ]);
    expect(run.cacheEntries).toEqual([]);
    expect(run.outUnchanged).toBe(true);
  });

  it.skipIf(existsSync(join(root, 'node_modules', 'electron', 'dist')))(
    "says how to get Electron's binary when it was never downloaded, in the user's language",
    () => {
      const run = start({ ELECTRON_OVERRIDE_DIST_PATH: '', LANG: 'zh_CN.UTF-8' });
      expect(run.code).toBe(1);
      expect(run.stderrLines).toEqual([translate('zh-CN', 'desktop.start.noElectron', { version: electronVersion() })]);
      expect(run.stderrLines[0]).toContain('npx install-electron');
      expect(run.cacheEntries).toEqual([]);
    },
  );

  it("stops with one sentence when Electron's headers cannot be downloaded, compiling and stamping nothing", () => {
    const run = start({ ELECTRON_OVERRIDE_DIST_PATH: fakeElectronDist() });
    expect(run.code).toBe(1);
    expect(run.stderrLines).toEqual([translate('en', 'desktop.start.noHeaders', { version: electronVersion(), url: 'http://127.0.0.1:9' })]);
    expect(run.cacheEntries).toEqual([]);
    expect(run.outUnchanged).toBe(true);
  });
});

describe('the Electron build of better-sqlite3', () => {
  const nodeBuild = join(root, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');

  it('reads the ABI compiled into an addon', () => {
    expect(addonAbi(nodeBuild)).toBe(Number(process.versions.modules));
    expect(addonAbi(join(tempDir(), 'missing.node'))).toBeNull();
  });

  it("is never installed when it was compiled for another ABI than Electron's", () => {
    const target = join(tempDir(), 'better_sqlite3.node');
    expect(electronAbi()).not.toBe(Number(process.versions.modules));
    expect(installElectronBuild(nodeBuild, target, electronAbi())).toEqual({ ok: false, found: Number(process.versions.modules) });
    expect(existsSync(target)).toBe(false);
    expect(installElectronBuild(nodeBuild, target, Number(process.versions.modules))).toEqual({ ok: true });
    expect(existsSync(target)).toBe(true);
  });
});
