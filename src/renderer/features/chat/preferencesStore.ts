import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import { stashLegacyLoadChoices } from '../../state/loadSettingsStore';

/** Chat's layout in this browser/window profile. Load settings are the host's (loadSettingsStore). */
interface Preferences {
  panelOpen: boolean;
}

stashLegacyLoadChoices();

export const usePreferences = create<Preferences>()(
  persist((): Preferences => ({ panelOpen: false }), {
    name: 'caliper-chat',
    storage: createJSONStorage(() => localStorage),
    version: 1,
  }),
);

export function setPanelOpen(panelOpen: boolean): void {
  usePreferences.setState({ panelOpen });
}
