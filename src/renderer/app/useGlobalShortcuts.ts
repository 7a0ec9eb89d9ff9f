import { useEffect } from 'react';
import { useClient } from '../state/appStore';
import { commands } from './commands';
import { isMacPlatform, matchesShortcut } from './commands/shortcut';
import { runCommand } from './runCommand';

/** Whether the key went to something that takes text (where plain keys must not be taken). */
function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT';
}

/** Runs a command when its shortcut is pressed anywhere in the window. */
export function useGlobalShortcuts(): void {
  const client = useClient();
  useEffect(() => {
    const mac = isMacPlatform();
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing || event.repeat) return;
      const command = commands.find((c) => c.shortcut && matchesShortcut(event, c.shortcut, mac));
      if (!command || (!command.anywhere && typing(event.target))) return;
      event.preventDefault();
      runCommand(command, { client });
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [client]);
}
