import { useCallback, useEffect, useRef, useState } from 'react';
import { useClient } from '../../state/appStore';
import { follow } from '../../platform/follow';
import { initialLog, LOG_PAGE, oldestId, skipsRows, withLiveEntry, withNewestPage, withOlderPage, type LogState } from './logState';

export interface ApiLogView extends LogState {
  loadingOlder: boolean;
  /** The last failed call (the first page or an older one); cleared by the next success. */
  error: unknown;
  loadOlder: () => void;
}

/**
 * The request log: the newest page, then every request as it finishes (on top), and older pages
 * on demand. Subscribed before the page is asked and merged by id; when ids jump (a request logged
 * before the subscription took hold) the newest page is asked again, so nothing falls in between.
 */
export function useApiLog(): ApiLogView {
  const client = useClient();
  const [log, setLog] = useState<LogState>(initialLog);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // The latest rows for "Load older", which runs outside render.
  const latest = useRef(log);
  useEffect(() => {
    latest.current = log;
  }, [log]);

  useEffect(() => {
    const controller = new AbortController();
    // The newest id this subscription has seen, by either path.
    let newest: number | null = null;
    const askNewest = async (signal: AbortSignal) => {
      const page = await client.api.log({ limit: LOG_PAGE }, { signal });
      if (page[0]) newest = Math.max(newest ?? 0, page[0].id);
      setLog((s) => withNewestPage(s, page));
      setError(null);
    };
    void follow(controller.signal, async (signal) => {
      const events = await client.api.onDidLog(undefined, { signal });
      try {
        await askNewest(signal);
      } catch (failure) {
        if (!signal.aborted) setError(failure);
        throw failure;
      }
      for await (const entry of events) {
        const gap = skipsRows(newest, entry.id);
        newest = Math.max(newest ?? 0, entry.id);
        setLog((s) => withLiveEntry(s, entry));
        if (gap) await askNewest(signal).catch(() => undefined); // the next gap or reopen asks again
      }
    });
    return () => controller.abort();
  }, [client]);

  const loadOlder = useCallback(() => {
    const beforeId = oldestId(latest.current);
    if (beforeId === undefined) return;
    setLoadingOlder(true);
    client.api
      .log({ limit: LOG_PAGE, beforeId })
      .then(
        (page) => {
          setLog((s) => withOlderPage(s, page));
          setError(null);
        },
        (failure: unknown) => setError(failure),
      )
      .finally(() => setLoadingOlder(false));
  }, [client]);

  return { ...log, loadingOlder, error, loadOlder };
}
