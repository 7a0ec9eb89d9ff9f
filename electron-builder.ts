import type { Configuration } from 'electron-builder';
import { fileURLToPath } from 'node:url';
import { engineFilePatterns, engineFlavorFromEnv, engineSourcePatterns, shipsEngineSource, sourceFilePatterns } from './scripts/package/engineVariants';
import { requiredFuses } from './scripts/package/fuses';
import { unusedPackagePatterns } from './scripts/package/runtimeModules';
import { signingStatus } from './scripts/package/signing';

/**
 * How Caliper is packaged (`npm run dist`, the release workflow, and `npm run test:package`, which
 * packages for Linux with a stand-in Electron and checks the result). electron-builder finds this
 * file by its name. The engine flavor (`CALIPER_ENGINE_FLAVOR=cuda`) adds node-llama-cpp's CUDA
 * build as an installer of its own.
 */

const root = fileURLToPath(new URL('.', import.meta.url));
const flavor = engineFlavorFromEnv();
const signing = signingStatus();
const suffix = flavor === 'cuda' ? '-cuda' : '';
const [owner, repo] = (process.env.GITHUB_REPOSITORY ?? 'caliper-app/caliper').split('/');

export const appId = 'app.caliper.desktop';
export const productName = 'Caliper';

const config: Configuration = {
  appId,
  productName,
  executableName: 'caliper',
  copyright: 'Copyright © Caliper contributors',
  directories: { output: 'dist', buildResources: 'build' },
  artifactName: `\${productName}-\${version}-\${os}-\${arch}${suffix}.\${ext}`,

  files: [
    'package.json',
    'out/**/*',
    '!out/**/*.map',
    // The headless host is `npm run serve`'s; the desktop app never starts it.
    '!out/main/headless.js',
    'resources/catalog/**/*',
    ...engineFilePatterns(flavor),
    ...unusedPackagePatterns(root),
    '!**/node_modules/*/{README,CHANGELOG,HISTORY}*',
    // C/C++ sources and headers: per platform (sourceFilePatterns), as Linux keeps the engine build's.
    '!**/node_modules/**/*.{md,map,ts,gyp,gypi,mk}',
    '!**/node_modules/**/{test,tests,__tests__,docs,doc,example,examples,benchmark}/**',
    '!**/node_modules/better-sqlite3/{deps,src}/**',
    '!**/node_modules/better-sqlite3/build/{Release/obj,Release/obj.target,Release/.deps,Release/test_extension.node,deps}/**',
    '!**/node_modules/better-sqlite3/build/Release/{test_extension.node,*.a}',
    '!**/node_modules/koffi/{vendor,doc,src/koffi/src}/**',
  ],
  asar: true,
  // Native code cannot be loaded from inside an archive: every addon and shared library, and the
  // engine packages whole (node-llama-cpp resolves its `bins` folder next to its package.json).
  asarUnpack: [
    '**/*.node',
    '**/*.{so,dylib,dll}',
    '**/*.so.*',
    'node_modules/@node-llama-cpp/**',
    'node_modules/node-llama-cpp/llama/localBuilds/**',
    'node_modules/@koromix/**',
  ],
  // better-sqlite3 is rebuilt against Electron's headers right before packing (@electron/rebuild
  // inside electron-builder); node-llama-cpp and koffi use Node-API and are left as installed.
  npmRebuild: true,
  nodeGypRebuild: false,
  buildDependenciesFromSource: false,
  electronLanguages: ['en-US', 'zh-CN'],
  electronFuses: { ...requiredFuses, resetAdHocDarwinSignature: !signing.mac },

  fileAssociations: [
    {
      ext: 'gguf',
      name: 'GGUF model',
      description: 'GGUF model file',
      mimeType: 'application/x-gguf',
      role: 'Viewer',
      rank: 'Default',
    },
  ],
  publish: [{ provider: 'github', owner, repo, ...(flavor === 'cuda' ? { channel: 'cuda' } : {}) }],

  mac: {
    files: sourceFilePatterns({ os: 'mac', flavor }),
    target: [
      { target: 'dmg', arch: ['arm64', 'x64'] },
      { target: 'zip', arch: ['arm64', 'x64'] },
    ],
    category: 'public.app-category.developer-tools',
    icon: 'build/icon.icns',
    hardenedRuntime: true,
    // Without a Developer ID the app is signed ad hoc, which Apple silicon needs to run it at all;
    // ad-hoc code has no team, so library validation must be off for the engine's dylibs.
    identity: signing.mac ? undefined : '-',
    entitlements: signing.mac ? 'build/entitlements.mac.plist' : 'build/entitlements.mac.adhoc.plist',
    entitlementsInherit: signing.mac ? 'build/entitlements.mac.plist' : 'build/entitlements.mac.adhoc.plist',
    notarize: signing.notarize,
  },
  dmg: { writeUpdateInfo: false },
  win: {
    files: sourceFilePatterns({ os: 'win', flavor }),
    target: [{ target: 'nsis', arch: ['x64'] }],
    icon: 'build/icon.ico',
  },
  nsis: {
    oneClick: false,
    perMachine: false,
    selectPerMachineByDefault: false,
    allowToChangeInstallationDirectory: true,
    // Models and conversations are the user's; uninstalling never deletes them.
    deleteAppDataOnUninstall: false,
    createDesktopShortcut: true,
    shortcutName: productName,
  },
  linux: {
    target: [
      { target: 'AppImage', arch: ['x64'] },
      { target: 'deb', arch: ['x64'] },
    ],
    icon: 'build/icons',
    category: 'Development',
    synopsis: 'Find, fit, measure and compare open-weight LLMs',
    maintainer: 'Caliper contributors <caliper@users.noreply.github.com>',
    mimeTypes: ['application/x-gguf'],
    files: sourceFilePatterns({ os: 'linux', flavor }),
    ...(shipsEngineSource({ os: 'linux', flavor }) ? { asarUnpack: engineSourcePatterns } : {}),
  },
  deb: { packageCategory: 'devel' },
};

export default config;
