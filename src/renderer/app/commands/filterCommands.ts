import type { Command } from './command';

/** A command with its label in the UI language, as the palette shows and searches it. */
export interface LabelledCommand {
  command: Command;
  label: string;
  /** Everything it is found by: the label, its English label, the keywords. */
  haystack: string;
}

/**
 * The commands whose words contain every word of the query (any order, any case), those whose
 * label starts with the query first; an empty query lists all in their given order.
 */
export function filterCommands(commands: readonly LabelledCommand[], query: string): LabelledCommand[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...commands];
  const found = commands.filter((c) => words.every((w) => c.haystack.includes(w)));
  const q = query.trim().toLowerCase();
  return found
    .map((c, index) => ({ c, index, starts: c.label.toLowerCase().startsWith(q) ? 0 : 1 }))
    .sort((a, b) => a.starts - b.starts || a.index - b.index)
    .map(({ c }) => c);
}
