import { describe, expect, it } from 'vitest';
import { splitBlocks } from './splitBlocks';

describe('splitBlocks', () => {
  it('splits paragraphs at blank lines', () => {
    expect(splitBlocks('one\n\ntwo\nmore\n\n\nthree')).toEqual(['one', 'two\nmore', 'three']);
  });

  it('keeps fenced code (with blank lines inside) in one block, even unterminated', () => {
    const text = 'intro\n\n```js\nconst a = 1;\n\nconst b = 2;\n```\n\nafter';
    expect(splitBlocks(text)).toEqual(['intro', '```js\nconst a = 1;\n\nconst b = 2;\n```', 'after']);
    expect(splitBlocks('```\nopen\n\nstill code')).toEqual(['```\nopen\n\nstill code']);
  });

  it('keeps display math, lists and indented continuations together', () => {
    expect(splitBlocks('$$\na\n\nb\n$$\n\nx')).toEqual(['$$\na\n\nb\n$$', 'x']);
    expect(splitBlocks('- a\n\n- b\n\n  more of b\n\nend')).toEqual(['- a\n\n- b\n\n  more of b', 'end']);
    expect(splitBlocks('1. a\n\n2. b')).toEqual(['1. a\n\n2. b']);
  });

  it('does not split text with reference definitions', () => {
    const text = 'see [x]\n\n[x]: https://example.com';
    expect(splitBlocks(text)).toEqual([text]);
  });

  it('joins back to the same content', () => {
    const text = 'a\n\n```\nb\n\nc\n```\n\n| h |\n| - |\n| 1 |\n\nd';
    expect(splitBlocks(text).join('\n\n')).toBe(text);
  });
});
