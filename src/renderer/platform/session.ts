import { markConnected, reportCallError, useAppStore } from './appStore';
import { watchDownloads } from './downloadsStore';
import { watchQuantize } from './quantizeStore';
import { fetchEngineDefaults, watchEngine } from './engineStore';
import { watchOpenRequests } from './openRequests';
import { connectClient, type CaliperClient } from './rpcClient';
import { ensureSignedIn, recheckSignIn } from './hostAuth';

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

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}

/** Retries `step` with backoff until it returns or the session ends. */
async function withRetry(signal: AbortSignal, step: () => Promise<void>): Promise<void> {
  let delay = 250;
  while (!signal.aborted) {
    try {
      await step();
      delay = 250;
    } catch (error) {
      if (signal.aborted) return;
      reportCallError(error);
    }
    if (signal.aborted) return;
    await sleep(delay, signal);
    delay = Math.min(delay * 2, 4000);
  }
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
  void withRetry(systemInfo.signal, async () => {
    const info = await client.system.info(undefined, { signal });
    useAppStore.setState({ systemInfo: info });
    systemInfo.abort(); // loaded: stop retrying
  });

  const engineDefaults = new AbortController();
  signal.addEventListener('abort', () => engineDefaults.abort(), { once: true });
  void withRetry(engineDefaults.signal, async () => {
    await fetchEngineDefaults(client, signal);
    engineDefaults.abort(); // loaded: stop retrying
  });

  // The loaded models, live: the top bar and Chat show them.
  void withRetry(signal, () => watchEngine(client, signal));
  // The download queue, live: the Hub, Downloads and the rail's badge show it.
  void withRetry(signal, () => watchDownloads(client, signal));
  // Quantizations, live: the inspector's progress and the rail's badge on Models.
  void withRetry(signal, () => watchQuantize(client, signal));
  // A .gguf opened from the OS: its inspector, in Models.
  void withRetry(signal, () => watchOpenRequests(client, signal));

  void withRetry(signal, async () => {
    const events = await client.settings.onDidChange(undefined, { signal });
    for await (const settings of events) {
      useAppStore.setState({ settings });
      markConnected();
    }
  });
}
