// `npm test`: typecheck, lint, build, the engine build for this machine (cached), unit + integration (vitest), the package layout
// (electron-builder with a stand-in Electron), end to end (Playwright).
// Every step runs even when an earlier one fails, and the run ends with one line
// `N passed, N failed` over all suites (typecheck and lint count as one check each).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { buildIfNeeded, root } from './lib/build.mjs';

const results = [];
const bin = (name) => join(root, 'node_modules', '.bin', name);

function run(label, command, args) {
  console.log(`\n=== ${label} ===`);
  const r = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } });
  return r.status === 0;
}

function check(label, ok) {
  results.push({ label, passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0 });
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

mkdirSync(join(root, 'test-results'), { recursive: true });

check('typecheck', run('typecheck', 'npm', ['run', '--silent', 'typecheck']));
check('lint', run('lint', 'npm', ['run', '--silent', 'lint']));

console.log('\n=== build ===');
const built = buildIfNeeded();
check('build', built);

// The native generation loop's tests load an engine built for this machine: made once (about 5
// minutes on 2 cores), then cached under node_modules/.cache.
check('engine build', run('engine build for the native loop’s tests', bin('tsx'), ['scripts/testEngine.ts']));

const vitestJson = join(root, 'test-results', 'vitest.json');
rmSync(vitestJson, { force: true });
const vitestOk = run('unit and integration (vitest)', bin('vitest'), [
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${vitestJson}`,
]);
const vitest = readJson(vitestJson);
results.push(
  vitest
    ? { label: 'vitest', passed: vitest.numPassedTests, failed: vitest.numFailedTests + (vitestOk || vitest.numFailedTests ? 0 : 1), skipped: vitest.numPendingTests + vitest.numTodoTests }
    : { label: 'vitest', passed: 0, failed: 1, skipped: 0 },
);

// The package layout: each of its checks counts as one test; skipped (with the reason) off Linux.
const packageJson = join(root, 'test-results', 'package-layout.json');
let packageSkipReason = null;
rmSync(packageJson, { force: true });
if (built) {
  const packageOk = run('package layout (npm run test:package)', 'npm', ['run', '--silent', 'test:package', '--', '--json', packageJson]);
  const layout = readJson(packageJson);
  results.push(
    layout
      ? { label: 'package layout', passed: layout.passed, failed: layout.failed + (packageOk || layout.failed ? 0 : 1), skipped: layout.skipped }
      : { label: 'package layout', passed: 0, failed: 1, skipped: 0 },
  );
  packageSkipReason = layout?.skipReason ?? null;
} else {
  results.push({ label: 'package layout (not run: build failed)', passed: 0, failed: 1, skipped: 0 });
}

const playwrightJson = join(root, 'test-results', 'playwright.json');
rmSync(playwrightJson, { force: true });
if (built) {
  const e2eOk = run('end to end (Playwright)', bin('playwright'), ['test']);
  const pw = existsSync(playwrightJson) ? readJson(playwrightJson) : null;
  const stats = pw?.stats;
  results.push(
    stats
      ? { label: 'playwright', passed: stats.expected + stats.flaky, failed: stats.unexpected + (e2eOk || stats.unexpected ? 0 : 1), skipped: stats.skipped }
      : { label: 'playwright', passed: 0, failed: 1, skipped: 0 },
  );
} else {
  results.push({ label: 'playwright (not run: build failed)', passed: 0, failed: 1, skipped: 0 });
}

/** Skipped tests must say why (e.g. no Electron binary on this machine). */
function skipReasons(suite, out = []) {
  for (const spec of suite?.specs ?? []) {
    for (const t of spec.tests ?? []) {
      for (const a of t.annotations ?? []) if (a.type === 'skip') out.push(`${spec.title}: ${a.description ?? 'no reason given'}`);
    }
  }
  for (const child of suite?.suites ?? []) skipReasons(child, out);
  return out;
}

/** Failed Playwright tests, by title, so the summary names them even when the log is cut. */
function playwrightFailures(suite, out = []) {
  for (const spec of suite?.specs ?? []) {
    for (const t of spec.tests ?? []) if (t.status === 'unexpected') out.push(`${spec.file}: ${spec.title}`);
  }
  for (const child of suite?.suites ?? []) playwrightFailures(child, out);
  return out;
}

console.log('\n=== summary ===');
const playwrightReport = existsSync(playwrightJson) ? readJson(playwrightJson) : null;
// A CI log is often shown only by its tail: name every failed test here, next to the totals.
for (const file of vitest?.testResults ?? []) {
  const failed = (file.assertionResults ?? []).filter((a) => a.status === 'failed');
  for (const a of failed) console.log(`failed: vitest ${relative(root, file.name)}: ${a.fullName}\n  ${(a.failureMessages?.[0] ?? '').split('\n')[0]}`);
  if (!failed.length && file.status === 'failed') console.log(`failed: vitest ${relative(root, file.name)}: ${(file.message ?? '').split('\n')[0]}`);
}
for (const name of (playwrightReport?.suites ?? []).flatMap((s) => playwrightFailures(s))) console.log(`failed: playwright ${name}`);
if (packageSkipReason) console.log(`skipped: package layout: ${packageSkipReason}`);
for (const reason of (playwrightReport?.suites ?? []).flatMap((s) => skipReasons(s))) console.log(`skipped: ${reason}`);
for (const r of results) console.log(`${r.label}: ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped`);
const total = results.reduce((a, r) => ({ passed: a.passed + r.passed, failed: a.failed + r.failed, skipped: a.skipped + r.skipped }), { passed: 0, failed: 0, skipped: 0 });
console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(total.failed === 0 && total.passed > 0 ? 0 : 1);
