import { Box } from '@mantine/core';
import { useRef, useState, type KeyboardEvent, type PointerEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

const MIN = 12;
const STEP = 4;

/** Equal shares that add up to 100. */
const even = (n: number) => Array.from({ length: n }, () => 100 / n);

/**
 * Side-by-side panes with draggable (and keyboard-movable) dividers. Widths are percentages so the
 * layout follows the window; each divider moves only the two panes beside it.
 */
export function PaneGroup({ children }: { children: ReactNode[] }) {
  const { t } = useTranslation();
  const [state, setState] = useState(() => ({ count: children.length, widths: even(children.length) }));
  const container = useRef<HTMLDivElement>(null);
  // A new pane count starts from equal widths again.
  const widths = state.count === children.length ? state.widths : even(children.length);
  if (state.count !== children.length) setState({ count: children.length, widths });

  const move = (divider: number, delta: number) => {
    const next = [...widths];
    const left = next[divider]!;
    const right = next[divider + 1]!;
    const clamped = Math.max(MIN - left, Math.min(right - MIN, delta));
    next[divider] = left + clamped;
    next[divider + 1] = right - clamped;
    setState({ count: children.length, widths: next });
  };

  const onPointerDown = (divider: number) => (event: PointerEvent<HTMLDivElement>) => {
    const box = container.current?.getBoundingClientRect();
    if (!box) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    let last = event.clientX;
    const target = event.currentTarget;
    const onMove = (e: globalThis.PointerEvent) => {
      move(divider, ((e.clientX - last) / box.width) * 100);
      last = e.clientX;
    };
    const onUp = () => {
      target.removeEventListener('pointermove', onMove);
      target.removeEventListener('pointerup', onUp);
    };
    target.addEventListener('pointermove', onMove);
    target.addEventListener('pointerup', onUp);
  };

  const onKeyDown = (divider: number) => (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'ArrowLeft') move(divider, -STEP);
    else if (event.key === 'ArrowRight') move(divider, STEP);
    else return;
    event.preventDefault();
  };

  return (
    // The panes get most of the window; composer, vote and charts follow below them.
    <Box ref={container} style={{ display: 'flex', height: 'clamp(360px, calc(100vh - 330px), 1400px)', gap: 0 }} data-testid="compare-panes">
      {children.map((child, i) => (
        <Box key={i} style={{ display: 'contents' }}>
          <Box style={{ flexBasis: `${widths[i]}%`, minWidth: 0, display: 'flex' }} data-testid="pane-slot" data-width={Math.round(widths[i]!)}>
            {child}
          </Box>
          {i < children.length - 1 && (
            <div
              role="separator"
              aria-orientation="vertical"
              aria-label={t('compare.pane.resize')}
              aria-valuenow={Math.round(widths[i]!)}
              aria-valuemin={MIN}
              aria-valuemax={100 - MIN}
              tabIndex={0}
              onPointerDown={onPointerDown(i)}
              onKeyDown={onKeyDown(i)}
              data-testid="pane-divider"
              style={{ width: 8, cursor: 'col-resize', flex: 'none', display: 'flex', justifyContent: 'center', touchAction: 'none' }}
            >
              <div style={{ width: 2, background: 'var(--mantine-color-default-border)' }} />
            </div>
          )}
        </Box>
      ))}
    </Box>
  );
}
