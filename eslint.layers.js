// @ts-check
import { existsSync, readdirSync } from 'node:fs';

/**
 * The import table of docs/ARCHITECTURE.md, enforced. Each entry: which files, and which imports
 * they must not make. A type-only import across a boundary is allowed where it erases at build.
 */

const node = { group: ['node:*'], message: 'Shared and renderer code runs where Node is absent.' };
const electron = { group: ['electron'], message: 'Only src/main/electron and src/main/index.ts may use Electron.' };
const llama = {
  group: ['node-llama-cpp', 'node-llama-cpp/*'],
  message: 'node-llama-cpp runs only in the engine host process or a worker (src/main/engineProcess/host, **/worker/**).',
  allowTypeImports: true,
};
const renderer = { group: ['**/renderer/**'], message: 'The main side never imports renderer code.' };
const main = { group: ['**/main/**'], message: 'Reach the main side only through the contract client.' };
const preload = { group: ['**/preload/**'], message: 'The preload is not a library.' };
const storage = { group: ['**/storage/**'], message: 'Separate processes do not touch the database.' };
const react = { group: ['react', 'react-dom', 'react/*', 'react-dom/*'], message: 'Shared code has no UI.' };
const nodeBuiltins = [
  'fs', 'path', 'os', 'child_process', 'worker_threads', 'http', 'https', 'net', 'crypto', 'url', 'util', 'stream',
].map((name) => ({ name, message: 'Shared and renderer code runs where Node is absent.' }));

/** @param {string[]} files @param {any[]} patterns @param {any[]} [paths] */
const restrict = (files, patterns, paths = []) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns, paths }] },
});

const rendererPatterns = [node, electron, llama, main, preload];

/** A feature reaches another only through renderer/app, renderer/ui, renderer/state or renderer/platform. */
const featuresDir = new URL('./src/renderer/features', import.meta.url);
const features = existsSync(featuresDir)
  ? readdirSync(featuresDir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name)
  : [];
const featureRules = features.map((feature) =>
  restrict(
    [`src/renderer/features/${feature}/**`],
    [
      ...rendererPatterns,
      ...features
        .filter((other) => other !== feature)
        .map((other) => ({
          // The specifier as written: `../settings/…` from a feature's top level, `../../settings/…` deeper.
          regex: `^(\\.\\./)+(features/)?${other}(/|$)`,
          message: `Feature "${feature}" must not reach into feature "${other}".`,
        })),
    ],
    nodeBuiltins,
  ),
);

export const layerRules = [
  restrict(['src/shared/**'], [node, electron, llama, renderer, main, preload, react], nodeBuiltins),
  restrict(['src/main/**'], [electron, llama, renderer]),
  restrict(['src/main/engineProcess/host/**', 'src/main/**/worker/**'], [electron, renderer, storage]),
  // The desktop shell starts children only as utilityProcess: with the RunAsNode fuse off, a
  // fork/spawn of the app's own binary would start another Caliper, not Node.
  restrict(
    ['src/main/electron/**', 'src/main/index.ts'],
    [llama, renderer],
    ['child_process', 'node:child_process'].map((name) => ({ name, message: 'Use utilityProcess (electron/utilityLauncher.ts): the RunAsNode fuse is off in the package.' })),
  ),
  restrict(['src/preload/**'], [node, llama, renderer, main, { group: ['**/shared/**'], message: 'Type-only imports from shared.', allowTypeImports: true }]),
  restrict(['src/renderer/**'], rendererPatterns, nodeBuiltins),
  ...featureRules,
];
