/**
 * node-llama-cpp ships its prebuilt llama.cpp as one npm package per platform, architecture and GPU
 * backend: `@node-llama-cpp/<os>-<arch>[-<gpu>]` (`os` is electron-builder's `mac` | `linux` | `win`,
 * the same words node-llama-cpp uses). npm installs every package whose os/cpu fit the machine, and on
 * Linux x64 that includes arm64 and armv7l builds; a package must carry only its target's.
 */

/** `standard`: CPU plus the GPU backends that need no extra runtime (Metal, Vulkan). `cuda` adds CUDA. */
export type EngineFlavor = 'standard' | 'cuda';

const gpuSuffixes: Record<EngineFlavor, readonly string[]> = {
  standard: ['', '-metal', '-vulkan'],
  // The CUDA build and its runtime libraries (`-cuda-ext`) are ~540 MB: an installer of its own.
  cuda: ['', '-metal', '-vulkan', '-cuda', '-cuda-ext'],
};

export function engineFlavorFromEnv(env: NodeJS.ProcessEnv = process.env): EngineFlavor {
  const value = env.CALIPER_ENGINE_FLAVOR ?? 'standard';
  if (value !== 'standard' && value !== 'cuda') {
    throw new Error(`CALIPER_ENGINE_FLAVOR must be "standard" or "cuda", not "${value}"`);
  }
  return value;
}

/**
 * electron-builder `files` patterns: every engine binary out, then the target's own back in.
 * `${os}` and `${arch}` are expanded by electron-builder per target, so one configuration serves
 * a macOS build of arm64 and x64 alike.
 */
export function engineFilePatterns(flavor: EngineFlavor): string[] {
  return [
    '!node_modules/@node-llama-cpp/**',
    ...gpuSuffixes[flavor].map((gpu) => `node_modules/@node-llama-cpp/\${os}-\${arch}${gpu}/**`),
    // Binaries built from source on this machine (`node-llama-cpp source build`): the target's only.
    '!node_modules/node-llama-cpp/llama/localBuilds/**',
    'node_modules/node-llama-cpp/llama/localBuilds/${os}-${arch}*/**',
    '!node_modules/node-llama-cpp/{templates,llama/xpack}/**',
    '!node_modules/node-llama-cpp/llama/.clang-format',
  ];
}

/**
 * What "Build the engine for this machine" compiles besides the toolchain: node-llama-cpp's bundled
 * llama.cpp and addon project, the Node-API headers and Caliper's generation loop (see
 * `buildInputsIn`), 34 MB, unpacked beside app.asar because git, cmake and the compilers read files,
 * not the archive. Only the standard Linux packages carry them: there the prebuilt CPU binary is
 * what most machines run and a build for the machine is several times faster with two threads or
 * more; Macs run the Metal build (the job builds for the CPU only), Windows cannot build yet, and
 * CUDA packages are for machines with a GPU.
 */
export const engineSourcePatterns = [
  'node_modules/node-llama-cpp/llama/{gitRelease.bundle,CMakeLists.txt,llama.cpp.info.json}',
  'node_modules/node-llama-cpp/llama/{addon,cmake,patches,profiles,toolchains}/**',
  'node_modules/node-api-headers/include/**',
  'node_modules/node-addon-api/*.h',
  'resources/engine-addon/**',
];

export function shipsEngineSource(target: Pick<EngineTarget, 'os' | 'flavor'>): boolean {
  return target.os === 'linux' && target.flavor === 'standard';
}

/**
 * electron-builder `files` patterns for a target's C/C++ sources and headers and llama.cpp's
 * bundle: out of every package, except the engine build's inputs where the target ships them. Given
 * per platform section because electron-builder filters node_modules by exclusions alone (a later
 * pattern cannot bring a file back), so the exclusions themselves must spare those files.
 */
export function sourceFilePatterns(target: Pick<EngineTarget, 'os' | 'flavor'>): string[] {
  if (!shipsEngineSource(target)) {
    return [
      '!**/node_modules/**/*.{cc,cpp,c,h,hpp}',
      // Caliper loads prebuilt binaries (node-llama-cpp's `build: 'never'`).
      '!node_modules/node-llama-cpp/llama/{gitRelease.bundle,CMakeLists.txt}',
      '!node_modules/node-llama-cpp/llama/{addon,cmake,patches,profiles,toolchains}/**',
    ];
  }
  return ['!**/node_modules/!(node-llama-cpp|node-api-headers|node-addon-api)/**/*.{cc,cpp,c,h,hpp}', ...engineSourcePatterns];
}

export interface EngineTarget {
  os: 'mac' | 'linux' | 'win';
  arch: string;
  flavor: EngineFlavor;
}

/** Whether `@node-llama-cpp/<name>` belongs in a package for `target`. */
export function isEnginePackageFor(name: string, target: EngineTarget): boolean {
  return gpuSuffixes[target.flavor].some((gpu) => name === `${target.os}-${target.arch}${gpu}`);
}

/** electron-builder's word for a Node platform. */
export function builderOs(platform: NodeJS.Platform): EngineTarget['os'] {
  if (platform === 'darwin') return 'mac';
  if (platform === 'win32') return 'win';
  return 'linux';
}
