// `npm test`'s engine build for this machine, which the native generation loop's tests load
// (src/main/engineProcess/host/nativeGenerate.test.ts): the optimised build where `npm run
// bench:native` made one, else an unoptimised one, made here once through the product's own build
// job and cached under node_modules/.cache/caliper-engine-native/. Exits non-zero, saying what is
// missing, when there is none and it cannot be built, so a run whose loop tests would skip fails.
import { engineBuildForTests, ensureNativeEngine, nativeEngineCacheDir } from './bench/lib/nativeEngine';

const flavor = engineBuildForTests() === nativeEngineCacheDir('optimized') ? 'optimized' : 'unoptimized';
const started = performance.now();
// Steps and progress only: a failure carries the tail of the compiler output.
ensureNativeEngine((line) => line.startsWith('engine build') && console.log(`  ${line}`), flavor).then(
  (dir) => {
    const took = (performance.now() - started) / 1000;
    console.log(`engine build for the native loop's tests: ${dir}${took > 10 ? ` (made in ${took.toFixed(0)} s)` : ''}`);
    process.exit(0);
  },
  (error: unknown) => {
    console.error(`no engine build for the native loop's tests: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
