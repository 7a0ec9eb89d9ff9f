import type { KeyboardEvent } from 'react';

/** Enter or Space on a focused row opens it, like a button (only when the row itself has focus). */
export function openOnKey(open: () => void) {
  return (event: KeyboardEvent<HTMLElement>) => {
    if (event.target !== event.currentTarget) return;
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      open();
    }
  };
}
