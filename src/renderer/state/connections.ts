import { useCallback } from 'react';
import { create } from 'zustand';
import { modelName, type Connection, type ModelRef } from '../../shared/contract';
import type { CaliperClient } from '../platform/rpcClient';

/**
 * Remote engine connections, as every view that names or picks a model needs them: a remote
 * model is shown with its connection's name, and pickers offer the models its last test listed.
 */
export const useConnectionsStore = create<{ connections: Connection[] | null }>()(() => ({ connections: null }));

export async function refreshConnections(client: CaliperClient): Promise<void> {
  try {
    useConnectionsStore.setState({ connections: await client.remote.list() });
  } catch {
    // Remote models are then shown by their own names until the next refresh.
  }
}

/** After a change made here (create, update, test, delete): the new list without a round trip. */
export function putConnection(connection: Connection): void {
  const list = useConnectionsStore.getState().connections ?? [];
  const next = list.some((c) => c.id === connection.id)
    ? list.map((c) => (c.id === connection.id ? connection : c))
    : [...list, connection];
  useConnectionsStore.setState({ connections: next });
}

export function dropConnection(id: string): void {
  useConnectionsStore.setState((s) => ({ connections: (s.connections ?? []).filter((c) => c.id !== id) }));
}

/** `(ref) => "qwen2.5-7b.gguf"` or `"llama-3.1-8b · gpu-box"`, following the connections. */
export function useModelName(): (ref: ModelRef) => string {
  const connections = useConnectionsStore((s) => s.connections);
  return useCallback((ref: ModelRef) => modelName(ref, connections ?? []), [connections]);
}
