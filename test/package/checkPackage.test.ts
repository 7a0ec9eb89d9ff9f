import { flipFuses, FuseVersion } from '@electron/fuses';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkPackage, type CheckResult } from '../../scripts/package/checkPackage';
import { defaultFuseWire, requiredFuses } from '../../scripts/package/fuses';
import { llamaPackage } from '../../src/main/services/engineBuild/llamaSource';
import { buildInputsIn, installedBuildInputs } from '../../src/main/services/engineBuild/nativeBuild';
import { writeAsar, type AsarFile } from '../support/asarFile';
import { useTempDirs } from '../support/tempDir';

const ELF = Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]);
const config = {
  asar: true,
  asarUnpack: ['**/*.node', '**/*.{so,dylib,dll}', 'node_modules/@node-llama-cpp/**'],
  electronFuses: requiredFuses,
  electronLanguages: ['en-US', 'zh-CN'],
};
const target = { os: 'linux', arch: 'x64', flavor: 'standard' } as const;

/** A package as electron-builder lays it out for Linux, small enough to write in a test. */
function goodFiles(): Record<string, AsarFile> {
  const js = (code: string): AsarFile => ({ content: code });
  return {
    'package.json': js(JSON.stringify({ name: 'caliper', main: './out/main/index.js' })),
    'out/main/index.js': js('import { createApp } from "./chunks/app.js";\nimport { app } from "electron";\nimport { join } from "node:path";'),
    // The second line is a translated string, not an import.
    'out/main/chunks/app.js': js('import Database from "better-sqlite3";\nconst en = { source: "Made from", sha: "Source SHA-256" };\nimport { z } from "zod";'),
    'out/main/engineHost.js': js('const { getLlama } = await import("node-llama-cpp");'),
    'out/main/quantizeHost.js': js('import koffi from "koffi";\nimport "./chunks/app.js";'),
    'out/main/ggufHeader.worker.js': js('import { parentPort } from "node:worker_threads";'),
    'out/main/fileHash.worker.js': js('import { createHash } from "node:crypto";'),
    'out/preload/index.cjs': js('require("electron");'),
    'out/renderer/index.html': js('<!doctype html>'),
    'resources/catalog/llama-3.json': js('{}'),
    'node_modules/zod/package.json': js('{}'),
    'node_modules/koffi/package.json': js('{}'),
    'node_modules/node-llama-cpp/package.json': js('{}'),
    'node_modules/better-sqlite3/package.json': js('{}'),
    'node_modules/better-sqlite3/build/Release/better_sqlite3.node': { content: ELF, unpacked: true },
    'node_modules/@koromix/koffi-linux-x64/linux_x64/koffi.node': { content: ELF, unpacked: true },
    'node_modules/@node-llama-cpp/linux-x64/package.json': { content: '{}', unpacked: true },
    'node_modules/@node-llama-cpp/linux-x64/bins/linux-x64/llama-addon.node': { content: ELF, unpacked: true },
    'node_modules/@node-llama-cpp/linux-x64/bins/linux-x64/libllama.v0.4.0.so': { content: ELF, unpacked: true },
  };
}

const ENGINE_SOURCE = 'the engine build configures from the package’s own files';

/** The engine build's inputs beside the archive, as a standard Linux package carries them: this checkout's, linked. */
function linkEngineSource(unpackedDir: string) {
  const installed = installedBuildInputs();
  const { pkgLlamaDir, inputs } = buildInputsIn(unpackedDir);
  const links: Array<[string, string]> = [
    [llamaPackage().llamaDir, pkgLlamaDir],
    [installed.napiInclude, inputs.napiInclude],
    [installed.addonApiInclude, inputs.addonApiInclude],
    [dirname(installed.caliperSource), dirname(inputs.caliperSource)],
  ];
  for (const [from, to] of links) {
    mkdirSync(dirname(to), { recursive: true });
    symlinkSync(from, to);
  }
}

async function layOut(dir: string, files: Record<string, AsarFile>, options: { flip?: boolean; engineSource?: boolean } = {}) {
  const appOutDir = join(dir, 'linux-unpacked');
  writeAsar(join(appOutDir, 'resources', 'app.asar'), files);
  if (options.engineSource) linkEngineSource(join(appOutDir, 'resources', 'app.asar.unpacked'));
  writeFileSync(join(appOutDir, 'resources', 'app-update.yml'), 'provider: github\nowner: caliper-app\nrepo: caliper\n');
  mkdirSync(join(appOutDir, 'locales'));
  for (const locale of ['en-US', 'zh-CN']) writeFileSync(join(appOutDir, 'locales', `${locale}.pak`), '');
  const executable = join(appOutDir, 'caliper');
  writeFileSync(executable, Buffer.concat([Buffer.from('#!/bin/sh\n'), defaultFuseWire()]));
  if (options.flip !== false) {
    await flipFuses(executable, { version: FuseVersion.V1, 0: false, 1: true, 2: false, 3: false, 4: true, 5: true, 7: false });
  }
  return { appOutDir, executable };
}

const failing = (results: CheckResult[]) => results.filter((r) => !r.ok).map((r) => r.name);

describe('the package layout check', () => {
  const tempDir = useTempDirs();

  it('passes a package with the app packed, the natives beside it, the engine build configuring and the fuses flipped', async () => {
    const { appOutDir, executable } = await layOut(tempDir(), goodFiles(), { engineSource: true });
    const results = await checkPackage({ appOutDir, executable, target, config, sizeBudgetBytes: 1024 * 1024 });
    expect(failing(results)).toEqual([]);
    expect(results.find((r) => r.name === ENGINE_SOURCE)?.detail).toMatch(/^llama\.cpp \S+ bundle \(\d+\.\d MB\)/);
    expect(results.find((r) => r.name.startsWith('every package'))?.detail).toBe('better-sqlite3, koffi, node-llama-cpp, zod');
    expect(results.find((r) => r.name.startsWith('package size'))?.detail).toMatch(/^app 0\.0 MB of a 1 MB budget/);
  });

  it('fails native code packed inside the archive, named or only recognised by its bytes', async () => {
    const files = goodFiles();
    files['node_modules/better-sqlite3/build/Release/better_sqlite3.node'] = { content: ELF };
    files['node_modules/something/prebuilt.bin'] = { content: ELF };
    const { appOutDir, executable } = await layOut(tempDir(), files);
    const results = await checkPackage({ appOutDir, executable, target, config, sizeBudgetBytes: 1024 * 1024 });
    const packedNatives = results.find((r) => r.name === 'no native binary inside app.asar')!;
    expect(packedNatives.ok).toBe(false);
    expect(packedNatives.detail).toContain('better_sqlite3.node is packed');
    expect(packedNatives.detail).toContain('prebuilt.bin is packed');
    expect(failing(results)).toContain('every .node and shared library is in app.asar.unpacked');
  });

  it("fails another platform's engine and a missing worker entry or runtime package", async () => {
    const files = goodFiles();
    files['node_modules/@node-llama-cpp/linux-arm64/bins/linux-arm64/llama-addon.node'] = { content: ELF, unpacked: true };
    delete files['out/main/fileHash.worker.js'];
    delete files['node_modules/zod/package.json'];
    files['out/main/chunks/app.js'] = { content: 'import Database from "better-sqlite3";\nimport { z } from "zod";\nimport "./gone.js";' };
    const { appOutDir, executable } = await layOut(tempDir(), files);
    const results = await checkPackage({ appOutDir, executable, target, config, sizeBudgetBytes: 1024 * 1024 });
    expect(failing(results)).toEqual([
      'process and worker entries load from the archive',
      'every package the main bundles import is shipped',
      'only linux-x64 engine binaries (standard)',
      ENGINE_SOURCE, // nor does it carry the engine build's inputs
    ]);
    expect(results[1]!.detail).toContain('out/main/fileHash.worker.js is missing');
    expect(results[1]!.detail).toContain('out/main/chunks/gone.js is imported but missing');
    expect(results[2]!.detail).toContain('zod is imported by out/main but not in the package');
  });

  it('names the engine build inputs a Linux package lacks, and fails a package for another system that carries the bundle', async () => {
    const linux = await layOut(tempDir(), goodFiles());
    const lacking = (await checkPackage({ ...linux, target, config, sizeBudgetBytes: 1024 * 1024 })).find((r) => r.name === ENGINE_SOURCE)!;
    expect(lacking.ok).toBe(false);
    expect(lacking.detail).toMatch(/llama\.cpp\.info\.json is not in app\.asar\.unpacked$/);

    const files = goodFiles();
    files['node_modules/node-llama-cpp/llama/llama.cpp.info.json'] = { content: '{"tag":"b1"}', unpacked: true };
    files['node_modules/node-llama-cpp/llama/addon/addon.cpp'] = { content: '', unpacked: true };
    const partial = await layOut(tempDir(), files);
    const named = (await checkPackage({ ...partial, target, config, sizeBudgetBytes: 1024 * 1024 })).find((r) => r.name === ENGINE_SOURCE)!;
    expect(named.detail).toBe('not in app.asar.unpacked: llamaSource, addonSources, caliperAddition, nodeApiHeaders');

    const macFiles = goodFiles();
    macFiles['node_modules/node-llama-cpp/llama/gitRelease.bundle'] = { content: 'bundle' };
    const mac = await layOut(tempDir(), macFiles);
    const macTarget = { os: 'mac', arch: 'x64', flavor: 'standard' } as const;
    const shipped = (await checkPackage({ ...mac, target: macTarget, config, sizeBudgetBytes: 1024 * 1024 })).find((r) =>
      r.name.startsWith('no engine source'),
    )!;
    expect(shipped).toMatchObject({
      name: 'no engine source in mac standard packages',
      ok: false,
      detail: 'the llama.cpp source bundle is shipped',
    });
    delete macFiles['node_modules/node-llama-cpp/llama/gitRelease.bundle'];
    const clean = await layOut(tempDir(), macFiles);
    expect(
      (await checkPackage({ ...clean, target: macTarget, config, sizeBudgetBytes: 1024 * 1024 })).find((r) =>
        r.name.startsWith('no engine source'),
      )!.ok,
    ).toBe(true);
  });

  it('fails fuses left at Electron’s defaults, a weaker configuration, and a package over its budget', async () => {
    const { appOutDir, executable } = await layOut(tempDir(), goodFiles(), { flip: false });
    const results = await checkPackage({
      appOutDir,
      executable,
      target,
      config: { ...config, electronFuses: { ...requiredFuses, runAsNode: true } },
      sizeBudgetBytes: 100,
    });
    expect(failing(results)).toEqual([
      ENGINE_SOURCE,
      'fuses as required, in the configuration and the packaged binary',
      'package size within budget',
    ]);
    const fuses = results.find((r) => r.name.startsWith('fuses'))!.detail;
    expect(fuses).toContain('electronFuses.runAsNode is true, must be false');
    expect(fuses).toContain('runAsNode is true in the binary, must be false');
    expect(fuses).toContain('onlyLoadAppFromAsar is false in the binary, must be true');
  });
});
