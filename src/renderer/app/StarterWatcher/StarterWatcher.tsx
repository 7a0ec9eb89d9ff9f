import { useEffect, useRef } from 'react';
import { useClient } from '../../state/appStore';
import { useDownloadsStore } from '../../state/downloadsStore';
import { loadModel } from '../../state/engineStore';
import { startChatWithModel } from '../../state/routes';
import { forgetStarterDownload, useStarterStore } from '../../state/starterStore';

/**
 * When the starter model the user asked for has landed (verified, in the library), opens a chat
 * with it and loads it, whichever view is open by then. Renders nothing.
 */
export function StarterWatcher() {
  const client = useClient();
  const pendingId = useStarterStore((s) => s.pendingDownloadId);
  const download = useDownloadsStore((s) => (pendingId ? (s.downloads?.find((d) => d.id === pendingId) ?? null) : null));
  // The queue announces a new download a moment after `start` answered: until it has been seen,
  // its absence means "not yet", not "removed".
  const seen = useRef<string | null>(null);

  useEffect(() => {
    if (!pendingId) return;
    if (download) seen.current = pendingId;
    // Removed from the queue after it was there, or cancelled: nothing to wait for any more.
    if ((!download && seen.current === pendingId) || download?.state === 'cancelled') {
      forgetStarterDownload();
      return;
    }
    if (download?.state !== 'done') return;
    forgetStarterDownload();
    void startChatWithModel(client, download.destination).then(
      () => loadModel(client, download.destination, {}),
      () => undefined,
    );
  }, [client, pendingId, download]);

  return null;
}
