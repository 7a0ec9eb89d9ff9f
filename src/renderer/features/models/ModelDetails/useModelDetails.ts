import { useQuery } from '@tanstack/react-query';
import type { ModelDetails, ModelFile } from '../../../../shared/contract';
import { useOrpc } from '../../../state/query';

export type DetailsState = { status: 'loading' } | { status: 'done'; details: ModelDetails } | { status: 'error'; error: unknown };

/** Asks for a file's details when the inspector shows it, again if the file changes on disk. */
export function useModelDetails(file: ModelFile): DetailsState {
  const orpc = useOrpc();
  const input = { path: file.path };
  // A result belongs to one version of one file: size and time are part of the key.
  const version = { sizeBytes: file.sizeBytes, modifiedAt: file.modifiedAt };
  const query = useQuery(orpc.library.inspect.queryOptions({ input, queryKey: [...orpc.library.inspect.queryKey({ input }), version] }));
  if (query.isSuccess) return { status: 'done', details: query.data };
  if (query.isError) return { status: 'error', error: query.error };
  return { status: 'loading' };
}
