import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CALIPER_ADDON_REVISION } from '../../engineProcess/nativeBuildLayout';
import { llamaPackage } from './llamaSource';
import { addCaliperSources, buildInputsIn, installedBuildInputs, missingBuildInputs } from './nativeBuild';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

describe("Caliper's addition to the engine build", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'caliper-addon-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("joins node-llama-cpp's addon sources: the file beside them, declared before and registered after the library's classes", async () => {
    await copyFile(join(llamaPackage().llamaDir, 'addon', 'addon.cpp'), join(dir, 'addon.cpp'));
    await addCaliperSources(dir, installedBuildInputs().caliperSource);
    const addon = await readFile(join(dir, 'addon.cpp'), 'utf8');
    const declared = addon.indexOf('void caliperRegister(Napi::Object exports);');
    const registered = addon.indexOf('caliperRegister(exports);', declared + 1);
    expect(declared).toBeGreaterThan(0);
    expect(declared).toBeLessThan(addon.indexOf('Napi::Object registerCallback('));
    expect(registered).toBeGreaterThan(addon.indexOf('AddonSampler::init(exports);'));
    expect(registered).toBeLessThan(addon.indexOf('return exports;', registered));
    const source = await readFile(join(dir, 'caliperGenerate.cpp'), 'utf8');
    expect(source).toContain('void caliperRegister(Napi::Object exports)');
    // The engine host uses the loop only from a build whose contract revision it knows.
    const revision = /"caliperGenerateRevision", Napi::Number::New\(exports\.Env\(\), (\d+)\)/.exec(source)?.[1];
    expect(Number(revision)).toBe(CALIPER_ADDON_REVISION);
    expect(missingBuildInputs(llamaPackage())).toEqual([]);
  });

  it('refuses an addon.cpp it does not know where to register in, instead of building without it', async () => {
    await writeFile(join(dir, 'addon.cpp'), 'Napi::Object registerCallback(Napi::Env env, Napi::Object exports) { return exports; }\n');
    await expect(addCaliperSources(dir, installedBuildInputs().caliperSource)).rejects.toThrow(/AddonSampler::init/);
  });

  it('finds its inputs where a package lays them out, and names each one a package lacks', async () => {
    // The package check looks for them under the unpacked folder as `buildInputsIn` lays them out.
    const here = buildInputsIn(repoRoot);
    expect(installedBuildInputs()).toEqual(here.inputs);
    expect(llamaPackage().llamaDir).toBe(here.pkgLlamaDir);

    const { pkgLlamaDir, inputs } = buildInputsIn(join(dir, 'app.asar.unpacked'));
    const pkg = { llamaDir: pkgLlamaDir, version: '0.0.0', tag: 'b1' };
    const touch = async (file: string) => {
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, '');
    };
    expect(missingBuildInputs(pkg, inputs)).toEqual(['llamaSource', 'addonSources', 'caliperAddition', 'nodeApiHeaders']);
    await touch(join(pkgLlamaDir, 'gitRelease.bundle'));
    await touch(join(pkgLlamaDir, 'CMakeLists.txt'));
    expect(missingBuildInputs(pkg, inputs)).toEqual(['addonSources', 'caliperAddition', 'nodeApiHeaders']);
    await touch(join(pkgLlamaDir, 'addon', 'addon.cpp'));
    await touch(inputs.caliperSource);
    await touch(join(inputs.napiInclude, 'node_api.h'));
    expect(missingBuildInputs(pkg, inputs)).toEqual(['nodeApiHeaders']);
    await touch(join(inputs.addonApiInclude, 'napi.h'));
    expect(missingBuildInputs(pkg, inputs)).toEqual([]);
  });
});
