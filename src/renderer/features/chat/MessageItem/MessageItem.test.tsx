// @vitest-environment happy-dom
import { MantineProvider } from '@mantine/core';
import { act, cleanup, render } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Conversation, Message } from '../../../../shared/contract';
import { useAppStore } from '../../../state/appStore';
import { i18n } from '../../../platform/i18n';
import type { CaliperClient } from '../../../platform/rpcClient';
import { useChatStore } from '../chatStore';
import { applyDeltas, upsertMessage } from '../generation';
import { Markdown } from '../../../ui/Markdown/Markdown';
import { StreamBuffer } from '../../../platform/streamBuffer';
import { MessageItem } from './MessageItem';

const hostile = [
  '<img src=x onerror=alert(1)>',
  '<script>alert(1)</script>',
  '[x](javascript:alert(1))',
  '<svg onload=alert(1)>',
  '[y](JaVaScRiPt:alert(1))',
  '[z]( javascript:alert(1))',
  '![pic](javascript:alert(1))',
  '![tracker](https://example.com/pixel.png)',
  '<a href="javascript:alert(1)">link</a>',
  '[d](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '<iframe src="https://example.com"></iframe>',
  '```html\n<script>alert(1)</script>\n```',
];
const document_ = hostile.join('\n\n');

/** Nothing in `root` can run code or load anything by itself. */
function expectInert(root: Element) {
  expect(root.querySelectorAll('img, script, svg, iframe, object, embed, style, link, form').length).toBe(0);
  for (const el of root.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      expect(attr.name, `${el.tagName} ${attr.name}`).not.toMatch(/^on/i);
      if (attr.name === 'href' || attr.name === 'src') expect(attr.value, `${el.tagName} ${attr.name}`).toMatch(/^(https?:\/\/|mailto:)/i);
    }
  }
  for (const a of root.querySelectorAll('a[href]')) {
    expect(a.getAttribute('rel')).toBe('noopener noreferrer');
    expect(a.getAttribute('target')).toBe('_blank');
  }
}

function wrap(children: React.ReactNode) {
  return (
    <I18nextProvider i18n={i18n}>
      <MantineProvider env="test">{children}</MantineProvider>
    </I18nextProvider>
  );
}

const conversation: Conversation = {
  id: 'c1',
  kind: 'chat',
  title: 't',
  createdAt: 0,
  updatedAt: 0,
  pinned: false,
  model: { kind: 'local', path: '/m/model.gguf' },
  systemPrompt: '',
  sampling: { temperature: 0.8, topP: 0.95, topK: 40, minP: 0.05, repeatPenalty: 1.1, seed: null, maxTokens: 1024 },
  leafId: 'a1',
};

const answer: Message = {
  id: 'a1',
  conversationId: 'c1',
  parentId: null,
  role: 'assistant',
  content: '',
  reasoning: '',
  status: 'streaming',
  error: null,
  stats: null,
  createdAt: 0,
  updatedAt: 0,
};

beforeEach(() => {
  void i18n.changeLanguage('en');
  useAppStore.setState({ client: {} as CaliperClient });
  useChatStore.setState({ open: { c1: { conversation, messages: { a1: answer } } }, generating: { c1: true } });
});
afterEach(cleanup);

describe('model output stays inert', () => {
  it.each(hostile)('renders %s as text or a vetted link', (payload) => {
    const { container } = render(wrap(<Markdown text={payload} />));
    expectInert(container.querySelector('[data-markdown]')!);
  });

  it('shows the raw HTML as visible text instead of elements', () => {
    const { container } = render(wrap(<Markdown text={'<img src=x onerror=alert(1)> and <script>alert(1)</script>'} />));
    expect(container.textContent).toContain('<img src=x onerror=alert(1)>');
    expect(container.textContent).toContain('<script>alert(1)</script>');
  });

  it('keeps safe links, opening in a new window without an opener', () => {
    const { container } = render(wrap(<Markdown text={'[ok](https://example.com/a) and [mail](mailto:a@b.c) and [rel](/settings)'} />));
    const root = container.querySelector('[data-markdown]')!;
    const links = [...root.querySelectorAll('a')];
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['https://example.com/a', 'mailto:a@b.c']);
    expect(root.textContent).toContain('rel'); // a relative link stays as text
    expectInert(root);
  });

  it('stays inert while the payloads stream in split across deltas, and after', () => {
    let frame: (() => void) | null = null;
    const buffer = new StreamBuffer({
      onFlush: (batch) => applyDeltas('c1', batch),
      requestFrame: (cb) => {
        frame = cb;
        return 1;
      },
      cancelFrame: () => {
        frame = null;
      },
    });
    const { container } = render(wrap(<MessageItem conversationId="c1" messageId="a1" />));
    const content = () => container.querySelector('[data-testid="message-content"]');

    // Cut every few characters so tags and link syntax arrive in pieces, several per frame.
    const pieces = document_.match(/[\s\S]{1,3}/g)!;
    let checks = 0;
    pieces.forEach((piece, i) => {
      buffer.push('a1', 'text', piece);
      if (i % 4 === 3 && frame) {
        const run = frame;
        frame = null;
        act(() => run());
        expectInert(content()!);
        checks++;
      }
    });
    act(() => buffer.dispose());
    expect(checks).toBeGreaterThan(30);
    expect(useChatStore.getState().open.c1!.messages.a1!.content).toBe(document_); // nothing lost
    expectInert(content()!);

    act(() => upsertMessage({ ...answer, content: document_, status: 'complete' }));
    const message = container.querySelector('[data-testid="message"]')!;
    expect(message.getAttribute('data-status')).toBe('complete');
    expectInert(content()!);
    expect(content()!.textContent).toContain('<svg onload=alert(1)>');
  });

  it('re-renders only the streaming message per frame, with the text appended', () => {
    const { container } = render(wrap(<MessageItem conversationId="c1" messageId="a1" />));
    act(() => applyDeltas('c1', new Map([['a1', { text: 'Hello **world**', thought: '' }]])));
    expect(container.querySelector('[data-testid="message-content"] strong')?.textContent).toBe('world');
    act(() => applyDeltas('c1', new Map([['a1', { text: '!', thought: 'pondering' }]])));
    expect(container.querySelector('[data-testid="message-content"]')?.textContent).toContain('world!');
    // The reasoning is behind a collapsed toggle.
    expect(container.querySelector('[data-testid="thought-toggle"]')?.getAttribute('aria-expanded')).toBe('false');
  });
});
