/** A key combination; `mod` is ⌘ on macOS and Ctrl elsewhere. */
export interface Shortcut {
  /** `KeyboardEvent.key`, case-insensitive for letters ("k", ",", "/", "1"). */
  key: string;
  mod?: boolean;
  shift?: boolean;
  alt?: boolean;
}

export function isMacPlatform(platform: string = navigator.platform): boolean {
  return /mac|iphone|ipad/i.test(platform);
}

/** `KeyboardEvent.code` for keys whose `key` changes with Shift or Alt (digits, punctuation). */
const codes: Record<string, string> = {
  ',': 'Comma',
  '/': 'Slash',
  '.': 'Period',
  ...Object.fromEntries(Array.from({ length: 10 }, (_, i) => [String(i), `Digit${i}`])),
};

type KeyEventLike = Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>;

export function matchesShortcut(event: KeyEventLike, shortcut: Shortcut, mac: boolean): boolean {
  const mod = mac ? event.metaKey : event.ctrlKey;
  const other = mac ? event.ctrlKey : event.metaKey;
  if (mod !== !!shortcut.mod || other || event.shiftKey !== !!shortcut.shift || event.altKey !== !!shortcut.alt) return false;
  const code = codes[shortcut.key];
  // Alt+1 gives "¡" on a Mac and Shift+/ gives "?": match such keys by their position.
  return (code !== undefined && event.code === code) || event.key.toLowerCase() === shortcut.key.toLowerCase();
}

/** The keys as the platform writes them: ["⌘", "K"] on macOS, ["Ctrl", "K"] elsewhere. */
export function shortcutKeys(shortcut: Shortcut, mac: boolean): string[] {
  const keys: string[] = [];
  if (shortcut.mod) keys.push(mac ? '⌘' : 'Ctrl');
  if (shortcut.alt) keys.push(mac ? '⌥' : 'Alt');
  if (shortcut.shift) keys.push(mac ? '⇧' : 'Shift');
  keys.push(shortcut.key.length === 1 ? shortcut.key.toUpperCase() : shortcut.key);
  return keys;
}
