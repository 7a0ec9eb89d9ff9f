import { actionCommands } from './actionCommands';
import type { Command, ViewShortcut } from './command';
import { navigationCommands } from './navigationCommands';

/** Every command the palette, the global shortcuts and the shortcuts dialog know. */
export const commands: readonly Command[] = [...actionCommands, ...navigationCommands];

/** Keys the views handle themselves, for the shortcuts dialog. */
export const viewShortcuts: readonly ViewShortcut[] = [
  { id: 'chat.send', scope: 'chat', label: 'shell.viewKeys.send', keys: [{ key: 'Enter' }] },
  { id: 'chat.newline', scope: 'chat', label: 'shell.viewKeys.newline', keys: [{ key: 'Enter', shift: true }] },
  { id: 'chat.stop', scope: 'chat', label: 'shell.viewKeys.stop', keys: [{ key: 'Esc' }] },
  { id: 'compare.send', scope: 'compare', label: 'shell.viewKeys.sendAll', keys: [{ key: 'Enter' }] },
  { id: 'compare.stop', scope: 'compare', label: 'shell.viewKeys.stopAll', keys: [{ key: 'Esc' }] },
  { id: 'compare.resize', scope: 'compare', label: 'shell.viewKeys.resizePanes', keys: [{ key: '←' }, { key: '→' }] },
  { id: 'palette.move', scope: 'palette', label: 'shell.viewKeys.move', keys: [{ key: '↑' }, { key: '↓' }] },
  { id: 'palette.run', scope: 'palette', label: 'shell.viewKeys.run', keys: [{ key: 'Enter' }] },
  { id: 'palette.close', scope: 'palette', label: 'shell.viewKeys.close', keys: [{ key: 'Esc' }] },
];

export type { Command, CommandContext, CommandGroup, ViewShortcut } from './command';
export { commandGroups } from './command';
