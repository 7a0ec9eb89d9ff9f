import { describe, expect, it } from 'vitest';
import type { Command } from './command';
import { filterCommands, type LabelledCommand } from './filterCommands';

const entry = (id: string, label: string, extra = ''): LabelledCommand => ({
  command: { id, group: 'navigate', label: id, run: () => undefined } satisfies Command,
  label,
  haystack: `${label} ${extra}`.toLowerCase(),
});

const list = [entry('go.chat', 'Go to Chat'), entry('chat.new', 'New chat'), entry('theme', 'Switch light or dark theme'), entry('zh', '语言：简体中文', 'language chinese')];

describe('filterCommands', () => {
  it('lists everything for an empty query', () => {
    expect(filterCommands(list, '  ').map((c) => c.command.id)).toEqual(['go.chat', 'chat.new', 'theme', 'zh']);
  });

  it('needs every word, in any order, and puts labels that start with the query first', () => {
    expect(filterCommands(list, 'chat').map((c) => c.command.id)).toEqual(['go.chat', 'chat.new']);
    expect(filterCommands(list, 'new').map((c) => c.command.id)).toEqual(['chat.new']);
    expect(filterCommands(list, 'dark theme').map((c) => c.command.id)).toEqual(['theme']);
    expect(filterCommands(list, 'chat dark')).toEqual([]);
  });

  it('finds a command by its keywords in another language', () => {
    expect(filterCommands(list, 'Chinese').map((c) => c.command.id)).toEqual(['zh']);
    expect(filterCommands(list, '中文').map((c) => c.command.id)).toEqual(['zh']);
  });
});
