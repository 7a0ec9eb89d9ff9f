import { Group, Kbd } from '@mantine/core';
import { shortcutKeys, type Shortcut } from '../commands/shortcut';

/** A shortcut as keycaps: Ctrl + K, or ⌘ K on a Mac. */
export function ShortcutKeys({ shortcut, mac, size = 'xs' }: { shortcut: Shortcut; mac: boolean; size?: 'xs' | 'sm' }) {
  return (
    <Group gap={2} wrap="nowrap" component="span" data-testid="shortcut-keys">
      {shortcutKeys(shortcut, mac).map((key) => (
        <Kbd key={key} size={size}>
          {key}
        </Kbd>
      ))}
    </Group>
  );
}
