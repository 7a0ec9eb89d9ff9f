import { create } from 'zustand';
import type { Settings, SettingsPatch, SystemInfo } from '../../shared/contract';
import type { CaliperClient } from '../platform/rpcClient';

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting';

interface AppState {
  client: CaliperClient | null;
  connection: ConnectionState;
  /** Live: kept current by the `settings.onDidChange` subscription. */
  settings: Settings | null;
  systemInfo: SystemInfo | null;
}

/** What every view shares: the typed client, the settings and the connection. */
export const useAppStore = create<AppState>()(() => ({
  client: null,
  connection: 'connecting',
  settings: null,
  systemInfo: null,
}));

/*
 * Connection bookkeeping belongs to the client's interceptor (`rpcClient.ts`) and the transport's
 * own open/close events (`session.ts`): views never call these.
 */

/** A call failed because the transport is down: the indicator reads "reconnecting". */
export function reportTransportFailure(): void {
  if (useAppStore.getState().connection === 'connected') useAppStore.setState({ connection: 'reconnecting' });
}

export function markConnected(): void {
  if (useAppStore.getState().connection !== 'connected') useAppStore.setState({ connection: 'connected' });
}

/** Saves a settings change; throws the typed error for the caller to show. */
export async function updateSettings(patch: SettingsPatch): Promise<Settings> {
  const { client } = useAppStore.getState();
  if (!client) throw new Error('Not connected');
  const next = await client.settings.update(patch);
  useAppStore.setState({ settings: next });
  return next;
}

/** The client, for components that only render once the session is up. */
export function useClient(): CaliperClient {
  const client = useAppStore((s) => s.client);
  if (!client) throw new Error('useClient() before the session started');
  return client;
}

/** The settings, for components that only render once they arrived. */
export function useSettings(): Settings {
  const settings = useAppStore((s) => s.settings);
  if (!settings) throw new Error('useSettings() before settings arrived');
  return settings;
}

export function useSystemInfo(): SystemInfo {
  const info = useAppStore((s) => s.systemInfo);
  if (!info) throw new Error('useSystemInfo() before system info arrived');
  return info;
}
