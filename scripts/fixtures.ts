// `npm run fixtures -- [--out DIR]`: writes the tiny random-weight GGUF test models.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureFixtures } from '../test/fixtures/generate';

const USAGE = `Usage: npm run fixtures -- [--out DIR]

Writes the generated GGUF test fixtures (tiny random-weight models and a LoRA adapter).
  --out DIR   write them into DIR (created if missing)
              default: the cache folder node_modules/.cache/caliper-fixtures/<spec hash>/
  --help      show this text`;

async function main(): Promise<number> {
  let values: { out?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: { out: { type: 'string', short: 'o' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
    }));
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }

  const started = performance.now();
  const set = await ensureFixtures(values.out === undefined ? undefined : resolve(values.out));
  const width = Math.max(...set.all.map((f) => f.facts.fileName.length));
  for (const f of set.all) {
    console.log(`${f.facts.fileName.padEnd(width)}  ${String(f.sizeBytes).padStart(9)} bytes  ${f.facts.kind}`);
  }
  console.log(`${set.dir}  (${Math.round(performance.now() - started)} ms)`);
  return 0;
}

main().then(
  (code) => { process.exitCode = code; },
  (err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  },
);
