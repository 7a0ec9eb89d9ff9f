import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import type { ColumnChoice } from './modelColumns';

/** Which Models columns the user chose, remembered in this browser/window profile. */
export const useColumnsStore = create<{ choice: ColumnChoice }>()(
  persist(() => ({ choice: { mode: 'auto' } as ColumnChoice }), {
    name: 'caliper-model-columns',
    storage: createJSONStorage(() => localStorage),
    version: 1,
  }),
);

export function setColumnChoice(choice: ColumnChoice): void {
  useColumnsStore.setState({ choice });
}
