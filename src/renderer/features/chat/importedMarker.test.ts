import { describe, expect, it } from 'vitest';
import type { Message } from '../../../shared/contract';
import { isImported } from './importedMarker';

const message = (createdAt: number) => ({ createdAt }) as Message;

describe('the imported marker', () => {
  it('marks a conversation whose messages are older than the conversation', () => {
    expect(isImported(Date.UTC(2026, 5, 1), [message(Date.UTC(2025, 0, 1)), message(Date.UTC(2026, 5, 2))])).toBe(true);
  });

  it('leaves conversations written here unmarked, clock noise included', () => {
    const created = Date.UTC(2026, 5, 1);
    expect(isImported(created, [message(created + 10), message(created - 500)])).toBe(false);
    expect(isImported(created, [])).toBe(false);
  });
});
