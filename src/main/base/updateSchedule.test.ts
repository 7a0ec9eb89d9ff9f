import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { UpdateSchedule } from './updateSchedule';

function fakeUpdater() {
  const calls: string[] = [];
  return {
    calls,
    target: {
      check: vi.fn(async () => {
        calls.push('check');
      }),
      setAutomatic: (on: boolean) => calls.push(on ? 'automatic' : 'manual'),
    },
  };
}

describe('update schedule', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('never checks while the user has not agreed', async () => {
    const { calls, target } = fakeUpdater();
    const schedule = new UpdateSchedule(target, { firstCheckMs: 1000, everyMs: 5000 });
    schedule.apply(false);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toEqual(['manual']);
  });

  it('checks after a delay and then periodically once agreed, and stops when turned off', async () => {
    const { calls, target } = fakeUpdater();
    const schedule = new UpdateSchedule(target, { firstCheckMs: 1000, everyMs: 5000 });
    schedule.apply(true);
    await vi.advanceTimersByTimeAsync(999);
    expect(target.check).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1 + 5000 * 2);
    expect(target.check).toHaveBeenCalledTimes(3);
    schedule.apply(false);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(target.check).toHaveBeenCalledTimes(3);
    expect(calls.filter((c) => c !== 'check')).toEqual(['manual', 'automatic', 'manual']);
  });

  it('keeps its schedule when a check fails (offline)', async () => {
    const errors: unknown[] = [];
    const target = { check: vi.fn(async () => Promise.reject(new Error('net::ERR_INTERNET_DISCONNECTED'))), setAutomatic: () => undefined };
    const schedule = new UpdateSchedule(target, { firstCheckMs: 10, everyMs: 100, onError: (e) => errors.push(e) });
    schedule.apply(true);
    await vi.advanceTimersByTimeAsync(210);
    expect(target.check).toHaveBeenCalledTimes(3);
    expect(errors).toHaveLength(3);
    schedule.dispose();
    await vi.advanceTimersByTimeAsync(1000);
    expect(target.check).toHaveBeenCalledTimes(3);
  });
});
