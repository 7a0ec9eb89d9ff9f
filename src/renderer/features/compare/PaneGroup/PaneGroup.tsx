import { Fragment, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Group, Panel, Separator } from 'react-resizable-panels';
import classes from './PaneGroup.module.css';

/**
 * Narrowest a pane may be dragged: room for its label, model picker and load button. Pixels, not a
 * share, so four panes in a 1024 px window stay usable while a wide window still allows lopsided splits.
 */
const MIN_PANE_PX = 200;

/**
 * Side-by-side panes with dividers moved by pointer (mouse, pen, touch) or keyboard (arrows, Home,
 * End), from react-resizable-panels: it drags from where the pointer went down, captures it, and
 * ends a cancelled drag where it was. Sizes are shares of the row, so the layout follows the window.
 */
/** `labels` name the panes ("A", "B"…) so each divider says which two it moves. */
export function PaneGroup({ children, labels }: { children: ReactNode[]; labels: string[] }) {
  const { t } = useTranslation();
  return (
    // Keyed by the pane count: a pane added or removed starts from equal widths again.
    // The panes get most of the window; composer, vote and charts follow below them.
    <Group
      key={children.length}
      orientation="horizontal"
      style={{ height: 'clamp(360px, calc(100vh - 330px), 1400px)' }}
      data-testid="compare-panes"
    >
      {children.map((child, i) => (
        <Fragment key={i}>
          {i > 0 && (
            <Separator
              id={`pane-divider-${i}`}
              className={classes.divider}
              aria-label={t('compare.pane.resize', { left: labels[i - 1], right: labels[i] })}
              data-testid="pane-divider"
            >
              <div className={classes.line} />
            </Separator>
          )}
          <Panel id={`pane-slot-${i}`} minSize={MIN_PANE_PX} className={classes.slot} data-testid="pane-slot">
            {child}
          </Panel>
        </Fragment>
      ))}
    </Group>
  );
}
