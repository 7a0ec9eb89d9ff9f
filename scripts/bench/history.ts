// `npm run bench:history`: a history of 10,000 messages, then of 1,000,000, written straight into
// the real schema (seeded: the same database every run), and at each size the three things the
// UI waits for, measured through the contract's in-memory client (as the tests build the app):
// a search, the first page of the chat list, and the first screen of a 5,000-message conversation.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { App } from '../../src/main/composition';
import { createTestApp } from '../../test/support/testApp';
import { fillHistory, fillLongConversation } from './history/fill';

const PER_CONVERSATION = 20;
const LONG = 5_000;
const SMALL = 10_000;
const LARGE = 1_000_000;
const REPEATS = 5;
/** Common and rare, phrases, and one- to three-character Chinese: the mix that makes search hard. */
const QUERIES = ['the', 'and the', 'model', 'gradient tensor', 'xylophone', '模型', '的', '数据库'];
const FIRST_SCREEN = 60;
const LIST_PAGE = 50;

interface Figures {
  messages: number;
  bytes: number;
  searchP50: number;
  searchP95: number;
  perQuery: Record<string, number>;
  listPage: number;
  openLong: number;
}

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)]!;
const ms = (n: number) => `${n.toFixed(1)} ms`;

async function time(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

async function measure(app: App, longId: string, messages: number, file: string): Promise<Figures> {
  const client = app.client;
  // One round not counted: the first call of each statement prepares it.
  for (const query of QUERIES) await client.chat.search({ query });
  const searches: number[] = [];
  const perQuery: Record<string, number[]> = {};
  for (let round = 0; round < REPEATS; round++) {
    for (const query of QUERIES) {
      const took = await time(() => client.chat.search({ query }));
      searches.push(took);
      (perQuery[query] ??= []).push(took);
    }
  }
  const lists: number[] = [];
  const opens: number[] = [];
  for (let round = 0; round < 21; round++) {
    lists.push(await time(() => client.chat.list({ cursor: null, limit: LIST_PAGE })));
    opens.push(await time(() => client.chat.messages({ conversationId: longId, limit: FIRST_SCREEN })));
  }
  return {
    messages,
    bytes: statSync(file).size + (statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0),
    searchP50: percentile(searches, 50),
    searchP95: percentile(searches, 95),
    perQuery: Object.fromEntries(Object.entries(perQuery).map(([q, xs]) => [q, percentile(xs, 50)])),
    listPage: percentile(lists.slice(1), 50),
    openLong: percentile(opens.slice(1), 50),
  };
}

function fill(app: App, conversations: number, firstIndex: number, seed: number, label: string): void {
  const db = app.services.db;
  // Bulk writing only: no fsync per transaction and a big cache. Put back before measuring.
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -262144');
  const started = performance.now();
  let shown = 0;
  fillHistory(db, {
    conversations,
    messagesPerConversation: PER_CONVERSATION,
    start: Date.UTC(2022, 0, 1) + firstIndex * 600_000,
    spacingMs: 600_000,
    seed,
    compareEvery: 10,
    onProgress: (written) => {
      if (written - shown >= 100_000) {
        shown = written;
        process.stdout.write(`  ${label}: ${written.toLocaleString('en')} messages, ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
      }
    },
  });
  db.pragma('synchronous = FULL');
  db.pragma('cache_size = -16000');
  db.pragma('wal_checkpoint(TRUNCATE)');
}

function print(f: Figures): void {
  const size = `${(f.bytes / 1e6).toFixed(0)} MB`;
  console.log(`  ${f.messages.toLocaleString('en')} messages (${size}): search p50 ${ms(f.searchP50)}, p95 ${ms(f.searchP95)}; list page ${ms(f.listPage)}; first screen ${ms(f.openLong)}`);
  console.log(`    search medians: ${Object.entries(f.perQuery).map(([q, t]) => `"${q}" ${ms(t)}`).join(', ')}`);
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'caliper-bench-history-'));
  const file = join(dataDir, 'caliper.db');
  const app = createTestApp(dataDir);
  try {
    console.log(`Filling ${SMALL.toLocaleString('en')} messages (${PER_CONVERSATION} per conversation, one of ${LONG.toLocaleString('en')})…`);
    const longId = fillLongConversation(app.services.db, { messages: LONG, at: Date.UTC(2021, 11, 1), seed: 1 });
    const smallConversations = (SMALL - LONG) / PER_CONVERSATION;
    fill(app, smallConversations, 0, 2, 'small');
    const small = await measure(app, longId, SMALL, file);
    print(small);

    console.log(`Filling to ${LARGE.toLocaleString('en')} messages…`);
    const started = performance.now();
    fill(app, (LARGE - SMALL) / PER_CONVERSATION, smallConversations, 3, 'large');
    console.log(`  filled in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    const large = await measure(app, longId, LARGE, file);
    print(large);

    console.log('');
    console.log(`search p95 at 1M messages: ${ms(large.searchP95)} (at 10,000: ${ms(small.searchP95)}; goal < 50 ms)`);
    console.log(`first page of conversations at 1M messages: ${ms(large.listPage)} (at 10,000: ${ms(small.listPage)}; goal < 20 ms)`);
    console.log(`open a 5,000-message conversation, first screen: ${ms(large.openLong)} (at 10,000: ${ms(small.openLong)}; goal < 50 ms)`);
  } finally {
    await app.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
