import type { CaliperClient } from '../../platform/rpcClient';
import type { Shortcut } from './shortcut';

export type CommandGroup = 'navigate' | 'create' | 'appearance' | 'settings' | 'help';

export const commandGroups: readonly CommandGroup[] = ['create', 'navigate', 'appearance', 'settings', 'help'];

export interface CommandContext {
  client: CaliperClient;
}

/**
 * One thing the user can do from anywhere: the palette lists it, its shortcut runs it, and the
 * shortcuts dialog shows it. The label is a translation key.
 */
export interface Command {
  id: string;
  group: CommandGroup;
  label: string;
  /** Values are translation keys too ("Go to {{view}}" with view: 'nav.chat'). */
  labelVars?: Record<string, string>;
  /** More words it is found by, in any language (e.g. the English name under a Chinese UI). */
  keywords?: readonly string[];
  shortcut?: Shortcut;
  /** Runs even while the focus is in a text field (palette, new chat); otherwise only outside one. */
  anywhere?: boolean;
  /** May return a promise; a failure is reported like any failed call. */
  run(context: CommandContext): unknown;
}

/** A key that works inside one view; listed with the shortcuts, run by the view itself. */
export interface ViewShortcut {
  id: string;
  scope: 'chat' | 'compare' | 'palette';
  label: string;
  keys: readonly Shortcut[];
}
