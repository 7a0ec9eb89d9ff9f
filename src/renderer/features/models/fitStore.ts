import { create } from 'zustand';
import type { Fit, ModelFile } from '../../../shared/contract';
import type { CaliperClient } from '../../platform/rpcClient';

export type FitState = { status: 'pending' } | { status: 'done'; fit: Fit } | { status: 'error'; error: unknown };

interface FitStoreState {
  /** By file identity (path, size, mtime): a changed file is estimated again. */
  fits: Record<string, FitState>;
}

export const useFitStore = create<FitStoreState>()(() => ({ fits: {} }));

export const fitKey = (file: ModelFile) => `${file.path}\u0000${file.sizeBytes}\u0000${file.modifiedAt}`;

let queue: Promise<void> = Promise.resolve();

/**
 * Estimates, one file after another (each asks the engine's probe process), the fit of every
 * model file not estimated yet. Nothing is loaded.
 */
export function estimateFits(client: CaliperClient, files: readonly ModelFile[]): void {
  const todo = files.filter((f) => f.facts?.kind === 'model' && !useFitStore.getState().fits[fitKey(f)]);
  if (todo.length === 0) return;
  useFitStore.setState((s) => ({
    fits: { ...s.fits, ...Object.fromEntries(todo.map((f) => [fitKey(f), { status: 'pending' } as const])) },
  }));
  queue = queue.then(async () => {
    for (const file of todo) {
      let state: FitState;
      try {
        state = { status: 'done', fit: await client.engine.fit({ path: file.path }) };
      } catch (error) {
        state = { status: 'error', error };
      }
      useFitStore.setState((s) => ({ fits: { ...s.fits, [fitKey(file)]: state } }));
    }
  });
}
