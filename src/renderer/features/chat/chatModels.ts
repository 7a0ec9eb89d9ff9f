import { useQuery } from '@tanstack/react-query';
import type { LibrarySnapshot, ModelFile } from '../../../shared/contract';
import { useOrpc } from '../../state/query';

/** Library files that are models, by path: the picker's options. */
function chatModelsOf(snapshot: LibrarySnapshot): ModelFile[] {
  return snapshot.files.filter((f) => f.facts?.kind === 'model' && !f.problem).sort((a, b) => a.relativePath.localeCompare(b.relativePath));
}

/** The models a conversation can use; null until the library answered, empty if it could not. */
export function useChatModels(): ModelFile[] | null {
  const orpc = useOrpc();
  const query = useQuery(orpc.library.list.queryOptions({ select: chatModelsOf }));
  return query.data ?? (query.isError ? [] : null);
}
