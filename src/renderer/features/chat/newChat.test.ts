import { describe, expect, it } from 'vitest';
import { SamplingSchema, type Conversation } from '../../../shared/contract';
import { reusableConversation } from './conversationList';

const conversation = (id: string, patch: Partial<Conversation> = {}): Conversation => ({
  id,
  kind: 'chat',
  title: '',
  createdAt: 0,
  updatedAt: 0,
  pinned: false,
  model: null,
  systemPrompt: '',
  sampling: SamplingSchema.parse({}),
  leafId: null,
  ...patch,
});

describe('New chat', () => {
  it('reuses an untouched conversation instead of adding another', () => {
    const untouched = conversation('c');
    expect(reusableConversation([conversation('a', { leafId: 'm1' }), untouched])).toBe(untouched);
  });

  it('never reuses one with a message, a title or a system prompt', () => {
    expect(
      reusableConversation([
        conversation('a', { leafId: 'm1' }),
        conversation('b', { title: 'Plans' }),
        conversation('c', { systemPrompt: 'Be brief.' }),
      ]),
    ).toBeNull();
  });
});
