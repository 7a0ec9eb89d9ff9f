import { describe, expect, it } from 'vitest';
import { matchesShortcut, shortcutKeys } from './shortcut';

const key = (key: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey', boolean>> = {}, code = '') => ({
  key,
  code,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe('shortcuts', () => {
  it('reads mod as Ctrl off macOS and ⌘ on it', () => {
    expect(matchesShortcut(key('k', { ctrlKey: true }), { key: 'k', mod: true }, false)).toBe(true);
    expect(matchesShortcut(key('k', { metaKey: true }), { key: 'k', mod: true }, false)).toBe(false);
    expect(matchesShortcut(key('k', { metaKey: true }), { key: 'k', mod: true }, true)).toBe(true);
    expect(matchesShortcut(key('k', { ctrlKey: true }), { key: 'k', mod: true }, true)).toBe(false);
  });

  it('needs exactly the modifiers named', () => {
    expect(matchesShortcut(key('K', { ctrlKey: true, shiftKey: true }), { key: 'k', mod: true }, false)).toBe(false);
    expect(matchesShortcut(key('O', { ctrlKey: true, shiftKey: true }), { key: 'o', mod: true, shift: true }, false)).toBe(true);
    expect(matchesShortcut(key('k'), { key: 'k', mod: true }, false)).toBe(false);
  });

  it('matches digits and punctuation by position when a modifier changes the character', () => {
    expect(matchesShortcut(key('¡', { altKey: true }, 'Digit1'), { key: '1', alt: true }, true)).toBe(true);
    expect(matchesShortcut(key('2', { altKey: true }, 'Digit2'), { key: '1', alt: true }, false)).toBe(false);
  });

  it('writes the keys the way each platform does', () => {
    expect(shortcutKeys({ key: 'k', mod: true }, false)).toEqual(['Ctrl', 'K']);
    expect(shortcutKeys({ key: 'l', mod: true, shift: true }, true)).toEqual(['⌘', '⇧', 'L']);
    expect(shortcutKeys({ key: '1', alt: true }, false)).toEqual(['Alt', '1']);
  });
});
