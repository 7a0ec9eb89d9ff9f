import { describe, expect, it } from 'vitest';
import type { ApiLogEntry } from '../../../shared/contract';
import { initialLog, LOG_LIVE_MAX, LOG_PAGE, oldestId, skipsRows, withLiveEntry, withNewestPage, withOlderPage } from './logState';

const entry = (id: number): ApiLogEntry => ({
  id,
  at: id * 1000,
  client: '127.0.0.1',
  keyName: null,
  endpoint: 'GET /v1/models',
  model: null,
  stream: false,
  status: 200,
  errorCode: null,
  promptTokens: null,
  completionTokens: null,
  ttftMs: null,
  tokensPerSecond: null,
  durationMs: 1,
});
/** Ids from `from` down to `to`, newest first, as the host pages them. */
const range = (from: number, to: number) => Array.from({ length: from - to + 1 }, (_, i) => entry(from - i));
const ids = (s: { entries: ApiLogEntry[] | null }) => s.entries?.map((e) => e.id);

describe('the request log state', () => {
  it('merges live entries that arrived before the first page, once each, newest first', () => {
    let s = withLiveEntry(initialLog, entry(12));
    s = withLiveEntry(s, entry(13));
    s = withNewestPage(s, range(12, 10));
    expect(ids(s)).toEqual([13, 12, 11, 10]);
    expect(s.hasOlder).toBe(false);
  });

  it('puts new requests on top and knows whether older pages exist', () => {
    let s = withNewestPage(initialLog, range(300, 300 - LOG_PAGE + 1));
    expect(s.hasOlder).toBe(true);
    s = withLiveEntry(s, entry(301));
    expect(ids(s)!.slice(0, 2)).toEqual([301, 300]);
    expect(oldestId(s)).toBe(300 - LOG_PAGE + 1);
    s = withOlderPage(s, range(200, 190));
    expect(oldestId(s)).toBe(190);
    expect(s.hasOlder).toBe(false);
  });

  it('drops the oldest live rows past the cap, but never rows the user paged back to', () => {
    let s = withNewestPage(initialLog, range(LOG_LIVE_MAX, 1));
    s = withLiveEntry(s, entry(LOG_LIVE_MAX + 1));
    expect(s.entries).toHaveLength(LOG_LIVE_MAX);
    expect(s.hasOlder).toBe(true);
    expect(oldestId(s)).toBe(2);

    const paged = withOlderPage(s, [entry(1)]);
    expect(paged.entries).toHaveLength(LOG_LIVE_MAX + 1);
    expect(withLiveEntry(paged, entry(LOG_LIVE_MAX + 2)).entries).toHaveLength(LOG_LIVE_MAX + 1);
  });

  it('notices ids skipped while the subscription was being set up', () => {
    expect(skipsRows(null, 5)).toBe(false);
    expect(skipsRows(4, 5)).toBe(false);
    expect(skipsRows(4, 7)).toBe(true);
    expect(oldestId(initialLog)).toBeUndefined();
  });
});
