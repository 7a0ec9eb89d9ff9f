import { describe, expect, it } from 'vitest';
import type { Message } from '../../src/shared/contract';
import { seedConversation, type SeedMessage } from '../support/conversations';
import { rejection } from '../support/rejection';
import { useTestApps } from '../support/testApp';

const start = useTestApps();

/** 600 messages in a chain, with a second answer beside message 99 that has its own follow-up. */
function longTree(): SeedMessage[] {
  const messages: SeedMessage[] = [];
  for (let i = 0; i < 600; i++) messages.push({ id: `m${i}`, role: i % 2 ? 'assistant' : 'user', content: `message ${i}` });
  messages.push({ id: 'alt99', role: 'assistant', content: 'another answer at 99', parent: 'm98', createdAt: Date.UTC(2025, 0, 1) });
  messages.push({ id: 'alt100', role: 'user', content: 'a question on the other branch', parent: 'alt99', createdAt: Date.UTC(2025, 0, 2) });
  return messages;
}

describe('a long conversation', () => {
  it('opens at its end and pages up the shown branch, bringing the siblings for the branch arrows', async () => {
    const app = start();
    const c = await seedConversation(app.client, { title: 'long', messages: longTree(), leaf: 'm599' });

    const first = await app.client.chat.messages({ conversationId: c.id, limit: 50 });
    const onBranch = (ms: Message[]) => ms.filter((m) => /^message \d+$/.test(m.content));
    expect(onBranch(first.messages).map((m) => m.content)).toEqual(Array.from({ length: 50 }, (_, i) => `message ${550 + i}`));
    expect(first.complete).toBe(false);

    // Scrolling up: each page ends just above the oldest message shown, until the first one.
    const seen = [...onBranch(first.messages)];
    let page = first;
    while (!page.complete) {
      page = await app.client.chat.messages({ conversationId: c.id, before: seen[0]!.id, limit: 120 });
      seen.unshift(...onBranch(page.messages));
    }
    expect(seen.map((m) => m.content)).toEqual(Array.from({ length: 600 }, (_, i) => `message ${i}`));
    expect(new Set(seen.map((m) => m.id)).size).toBe(600);

    // The page holding message 99 also holds its sibling, so "‹ 1/2 ›" can be drawn.
    const around = await app.client.chat.messages({ conversationId: c.id, before: seen[120]!.id, limit: 30 });
    expect(around.messages.map((m) => m.content)).toContain('another answer at 99');
    expect(around.messages.map((m) => m.content)).not.toContain('a question on the other branch');
  });

  it('switches branch and opens the other branch at its end', async () => {
    const app = start();
    const c = await seedConversation(app.client, { title: 'long', messages: longTree(), leaf: 'm599' });
    const { messages } = await app.client.chat.get({ id: c.id });
    const sibling = messages.find((m) => m.content === 'another answer at 99')!;
    const switched = await app.client.chat.selectBranch({ messageId: sibling.id });
    const window = await app.client.chat.messages({ conversationId: c.id, limit: 4 });
    expect(window.conversation.leafId).toBe(switched.leafId);
    // The other branch's last four, and message 99 beside its sibling for the arrows.
    expect(window.messages.map((m) => m.content).sort()).toEqual(
      ['a question on the other branch', 'another answer at 99', 'message 97', 'message 98', 'message 99'].sort(),
    );
  });

  it('refuses a message of another conversation as the paging point', async () => {
    const app = start();
    const a = await seedConversation(app.client, { title: 'a', messages: [{ role: 'user', content: 'x' }] });
    const b = await seedConversation(app.client, { title: 'b', messages: [{ role: 'user', content: 'y' }] });
    const other = (await app.client.chat.get({ id: b.id })).messages[0]!;
    expect((await rejection(app.client.chat.messages({ conversationId: a.id, before: other.id }))).code).toBe('MESSAGE_NOT_FOUND');
    expect((await rejection(app.client.chat.messages({ conversationId: 'nope' }))).code).toBe('CONVERSATION_NOT_FOUND');
    expect((await rejection(app.client.chat.messages({ conversationId: a.id, limit: 501 }))).code).toBe('INVALID_INPUT');
  });
});
