import { create } from 'zustand';

/**
 * The app-wide dialogs any view may open: the command palette and the keyboard shortcuts. They
 * live in the shell; views (Settings) only ask for them.
 */
interface Overlays {
  palette: boolean;
  shortcuts: boolean;
}

export const useOverlays = create<Overlays>()(() => ({ palette: false, shortcuts: false }));

export function openPalette(): void {
  useOverlays.setState({ palette: true, shortcuts: false });
}

export function openShortcuts(): void {
  useOverlays.setState({ palette: false, shortcuts: true });
}

export function closeOverlays(): void {
  useOverlays.setState({ palette: false, shortcuts: false });
}
