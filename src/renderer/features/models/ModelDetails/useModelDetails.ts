import { useEffect, useState } from 'react';
import type { ModelDetails, ModelFile } from '../../../../shared/contract';
import { useClient } from '../../../platform/appStore';

export type DetailsState =
  | { status: 'loading' }
  | { status: 'done'; details: ModelDetails }
  | { status: 'error'; error: unknown };

const loading: DetailsState = { status: 'loading' };

/** Asks for a file's details when the inspector shows it, again if the file changes on disk. */
export function useModelDetails(file: ModelFile): DetailsState {
  const client = useClient();
  const { path } = file;
  // A result belongs to one version of one file; anything else is still loading.
  const key = `${path}\u0000${file.sizeBytes}\u0000${file.modifiedAt}`;
  const [result, setResult] = useState<{ key: string; state: DetailsState } | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    client.library.inspect({ path }, { signal: controller.signal }).then(
      (details) => !controller.signal.aborted && setResult({ key, state: { status: 'done', details } }),
      (error: unknown) => !controller.signal.aborted && setResult({ key, state: { status: 'error', error } }),
    );
    return () => controller.abort();
  }, [client, path, key]);
  return result?.key === key ? result.state : loading;
}
