import type { Highlight } from '../../../../shared/contract';
import { segments } from './segments';
import classes from './HighlightedText.module.css';

/**
 * Stored text with the search terms marked: React text nodes and <mark> elements built from
 * offsets, so nothing in the message is ever read as markup.
 */
export function HighlightedText({ text, highlights }: { text: string; highlights: Highlight[] }) {
  return (
    <>
      {segments(text, highlights).map((s, i) =>
        s.marked ? (
          <mark key={i} className={classes.mark} data-testid="search-mark">
            {s.text}
          </mark>
        ) : (
          <span key={i}>{s.text}</span>
        ),
      )}
    </>
  );
}
