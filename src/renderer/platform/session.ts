import { markConnected, useAppStore } from '../state/appStore';
import { watchDownloads } from '../state/downloadsStore';
import { watchQuantize } from '../state/quantizeStore';
import { fetchEngineDefaults, watchEngine } from '../state/engineStore';
import { adoptLegacyLoadChoices } from '../state/loadSettingsStore';
import { watchOpenRequests } from '../state/openRequests';
import { connectClient, type CaliperClient } from './rpcClient';
import { ensureSignedIn, recheckSignIn } from './hostAuth';
import { follow } from './follow';
import { refreshConnections } from '../state/connections';

let clientPromise: Promise<CaliperClient> | null = null;

/** One client per page, whatever mounts and unmounts around it. */
function sharedClient(): Promise<CaliperClient> {
  clientPromise ??= connectClient((open) => {
    if (open) markConnected();
    else {
      if (useAppStore.getState().connection === 'connected') useAppStore.setState({ connection: 'reconnecting' });
      void recheckSignIn();
    }
  });
  return clientPromise;
}

/**
 * Connects, loads the system facts and engine defaults once and follows the settings and the
 * loaded models for as long as the signal
 * lives. The subscription is reopened after a dropped connection; its first event marks the
 * connection healthy again.
 */
export async function startSession(signal: AbortSignal): Promise<void> {
  if (!window.caliper) await ensureSignedIn();
  const client = await sharedClient();
  if (signal.aborted) return;
  useAppStore.setState({ client });

  const systemInfo = new AbortController();
  signal.addEventListener('abort', () => systemInfo.abort(), { once: true });
  void follow(systemInfo.signal, async () => {
    const info = await client.system.info(undefined, { signal });
    useAppStore.setState({ systemInfo: info });
    systemInfo.abort(); // loaded: stop retrying
  });

  const engineDefaults = new AbortController();
  signal.addEventListener('abort', () => engineDefaults.abort(), { once: true });
  void follow(engineDefaults.signal, async () => {
    await fetchEngineDefaults(client, signal);
    await adoptLegacyLoadChoices(client);
    engineDefaults.abort(); // loaded: stop retrying
  });

  // The loaded models, live: the top bar and Chat show them.
  void follow(signal, () => watchEngine(client, signal));
  // Remote connections name remote models everywhere; edits made here update the list directly.
  void refreshConnections(client);
  // The download queue, live: the Hub, Downloads and the rail's badge show it.
  void follow(signal, () => watchDownloads(client, signal));
  // Quantizations, live: the inspector's progress and the rail's badge on Models.
  void follow(signal, () => watchQuantize(client, signal));
  // A .gguf opened from the OS: its inspector, in Models.
  void follow(signal, () => watchOpenRequests(client, signal));

  void follow(signal, async () => {
    const events = await client.settings.onDidChange(undefined, { signal });
    for await (const settings of events) {
      useAppStore.setState({ settings });
    }
  });
}
