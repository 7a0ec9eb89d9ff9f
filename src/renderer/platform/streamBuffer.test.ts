import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { StreamBuffer, type StreamChunk } from './streamBuffer';

/** A hand-driven animation frame: `frame()` runs what was requested since the last one. */
function fakeFrames() {
  let next = 1;
  const callbacks = new Map<number, () => void>();
  return {
    requestFrame: (cb: () => void) => {
      const id = next++;
      callbacks.set(id, cb);
      return id;
    },
    cancelFrame: (id: number) => void callbacks.delete(id),
    frame() {
      const due = [...callbacks.values()];
      callbacks.clear();
      for (const cb of due) cb();
    },
    get pending() {
      return callbacks.size;
    },
  };
}

describe('StreamBuffer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('hands over everything pushed between two frames in one flush, in order', () => {
    const frames = fakeFrames();
    const batches: Array<Map<string, StreamChunk>> = [];
    const buffer = new StreamBuffer({ onFlush: (b) => batches.push(b), ...frames });

    for (const token of ['Hel', 'lo', ', ', 'world']) buffer.push('a', 'text', token);
    buffer.push('a', 'thought', 'hmm');
    expect(batches).toHaveLength(0);
    expect(frames.pending).toBe(1); // one frame requested, not one per token

    frames.frame();
    expect(batches).toHaveLength(1);
    expect(batches[0]!.get('a')).toEqual({ text: 'Hello, world', thought: 'hmm' });
    expect(buffer.hasPending).toBe(false);

    frames.frame();
    expect(batches).toHaveLength(1); // nothing new: no empty flush
  });

  it('loses no token at 1000 tokens a second over 10 seconds (60 frames a second)', () => {
    const frames = fakeFrames();
    let received = '';
    let flushes = 0;
    const buffer = new StreamBuffer({
      onFlush: (batch) => {
        flushes++;
        received += batch.get('m')!.text;
      },
      ...frames,
    });
    let sent = '';
    for (let ms = 0; ms < 10_000; ms++) {
      const token = `t${ms} `;
      sent += token;
      buffer.push('m', 'text', token);
      if (ms % 16 === 15) frames.frame();
    }
    buffer.dispose();
    expect(received).toBe(sent);
    expect(flushes).toBeLessThanOrEqual(Math.ceil(10_000 / 16) + 1);
  });

  it('keeps messages apart and flushes on demand before a final version replaces the text', () => {
    const frames = fakeFrames();
    const batches: Array<Map<string, StreamChunk>> = [];
    const buffer = new StreamBuffer({ onFlush: (b) => batches.push(b), ...frames });
    buffer.push('a', 'text', 'one');
    buffer.push('b', 'text', 'two');
    buffer.flush();
    expect(frames.pending).toBe(0); // the frame was cancelled
    expect([...batches[0]!.keys()]).toEqual(['a', 'b']);
    expect(batches[0]!.get('b')!.text).toBe('two');
  });

  it('flushes by timer when no frame comes (a hidden tab)', () => {
    const frames = fakeFrames();
    const onFlush = vi.fn();
    const buffer = new StreamBuffer({ onFlush, ...frames, fallbackMs: 250 });
    buffer.push('a', 'text', 'x');
    vi.advanceTimersByTime(249);
    expect(onFlush).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onFlush).toHaveBeenCalledTimes(1);
    expect(frames.pending).toBe(0);
  });

  it('flushes the rest on dispose and ignores pushes after it', () => {
    const frames = fakeFrames();
    const onFlush = vi.fn();
    const buffer = new StreamBuffer({ onFlush, ...frames });
    buffer.push('a', 'text', 'last');
    buffer.dispose();
    buffer.push('a', 'text', 'late');
    frames.frame();
    vi.runAllTimers();
    expect(onFlush).toHaveBeenCalledTimes(1);
    expect(onFlush.mock.calls[0]![0].get('a').text).toBe('last');
  });
});
