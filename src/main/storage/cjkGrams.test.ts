import { describe, expect, it } from 'vitest';
import { cjkGrams, isShortCjk } from './cjkGrams';

describe('CJK grams', () => {
  it('lists each character and adjacent pair of every CJK run once, and nothing else', () => {
    expect(cjkGrams('我们的模型 and 模型, テスト')!.split(' ').sort()).toEqual(
      ['我', '们', '的', '模', '型', '我们', '们的', '的模', '模型', 'テ', 'ス', 'ト', 'テス', 'スト'].sort(),
    );
    expect(cjkGrams('only latin text')).toBeNull();
    expect(cjkGrams(null)).toBeNull();
  });

  it('knows which terms the side index can answer', () => {
    expect(['模', '模型', '한국'].map(isShortCjk)).toEqual([true, true, true]);
    expect(['模型库', 'AI', '模a', ''].map(isShortCjk)).toEqual([false, false, false, false]);
  });
});
