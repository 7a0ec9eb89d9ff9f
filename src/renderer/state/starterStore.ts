import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import type { StarterModel } from '../../shared/contract';
import type { Language } from '../../shared/i18n';
import { startDownload } from './downloadsStore';
import type { CaliperClient } from '../platform/rpcClient';

export type StarterPick = { status: 'loading' } | { status: 'done'; value: StarterModel | null } | { status: 'error'; error: unknown };

interface StarterState {
  /** The starter model for the UI language, asked of the Hub once per session and language. */
  pick: StarterPick | null;
  pickLanguage: Language | null;
  /**
   * The starter download this window waits for: when it lands, Chat opens with it. Kept across
   * a reload, so the promise of the click holds.
   */
  pendingDownloadId: string | null;
}

export const useStarterStore = create<StarterState>()(
  persist((): StarterState => ({ pick: null, pickLanguage: null, pendingDownloadId: null }), {
    name: 'caliper-starter',
    storage: createJSONStorage(() => localStorage),
    partialize: (s) => ({ pendingDownloadId: s.pendingDownloadId }),
    version: 1,
  }),
);

/** Asks the host for the starter model (once per language, again after a failure or `force`). */
export async function findStarter(client: CaliperClient, language: Language, force = false): Promise<void> {
  const { pick, pickLanguage } = useStarterStore.getState();
  if (!force && pickLanguage === language && pick && pick.status !== 'error') return;
  useStarterStore.setState({ pick: { status: 'loading' }, pickLanguage: language });
  try {
    const value = await client.catalog.starter({ language });
    if (useStarterStore.getState().pickLanguage === language) useStarterStore.setState({ pick: { status: 'done', value } });
  } catch (error) {
    if (useStarterStore.getState().pickLanguage === language) useStarterStore.setState({ pick: { status: 'error', error } });
  }
}

/** One click: queues the starter through the verified download queue and waits for it to land. */
export async function downloadStarter(client: CaliperClient, starter: StarterModel): Promise<void> {
  const download = await startDownload(client, starter.repoId, starter.path);
  useStarterStore.setState({ pendingDownloadId: download.id });
}

export function forgetStarterDownload(): void {
  useStarterStore.setState({ pendingDownloadId: null });
}
