import type { CaliperClient } from '../platform/rpcClient';
import { modelsOpenHref, navigate } from './routes';

/**
 * Files the OS asked the desktop app to open (a double-clicked `.gguf`) are shown in the Models
 * view's inspector, whatever view is open. Ends (to be retried) when the connection drops.
 */
export async function watchOpenRequests(client: CaliperClient, signal: AbortSignal): Promise<void> {
  const events = await client.library.onOpenRequest(undefined, { signal });
  for await (const request of events) {
    navigate(modelsOpenHref(request.path));
  }
}
