import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import type { GpuLayers, LoadSettings } from '../../../shared/contract';

/** How the user wants each model loaded, remembered per file in this browser/window profile. */
export interface LoadChoice {
  gpuLayers: GpuLayers;
  /** null: the engine's default context size. */
  contextSize: number | null;
  threads: number | null;
  batchSize: number | null;
  flashAttention: boolean;
  kvCacheType: LoadSettings['kvCacheType'];
  /** LoRA adapters attached at load, each with its scale. */
  lora: LoadSettings['lora'];
}

export const defaultLoadChoice: LoadChoice = {
  gpuLayers: 'auto',
  contextSize: null,
  threads: null,
  batchSize: null,
  flashAttention: false,
  kvCacheType: 'F16',
  lora: [],
};

interface Preferences {
  panelOpen: boolean;
  loadChoices: Record<string, LoadChoice>;
}

export const usePreferences = create<Preferences>()(
  persist((): Preferences => ({ panelOpen: false, loadChoices: {} }), {
    name: 'caliper-chat',
    storage: createJSONStorage(() => localStorage),
    version: 1,
  }),
);

export function setPanelOpen(panelOpen: boolean): void {
  usePreferences.setState({ panelOpen });
}

export function loadChoiceFor(choices: Record<string, LoadChoice>, path: string): LoadChoice {
  return { ...defaultLoadChoice, ...choices[path] };
}

export function setLoadChoice(path: string, patch: Partial<LoadChoice>): void {
  usePreferences.setState((s) => ({
    loadChoices: { ...s.loadChoices, [path]: { ...loadChoiceFor(s.loadChoices, path), ...patch } },
  }));
}

/**
 * The context a load uses when the user chose none: the machine's default, but never more than
 * the model was trained on (a 2,304-token model is not offered 4,096).
 */
export function defaultContextFor(defaultContextSize: number | null, trainedContext: number | null): number | null {
  if (defaultContextSize === null) return trainedContext;
  return trainedContext !== null ? Math.min(defaultContextSize, trainedContext) : defaultContextSize;
}

/** The settings sent to `engine.load`: only what the user chose; the engine fills in the rest. */
export function toLoadSettings(choice: LoadChoice, defaultContextSize: number | null, trainedContext: number | null = null): Partial<LoadSettings> {
  const contextSize = choice.contextSize ?? defaultContextFor(defaultContextSize, trainedContext);
  return {
    gpuLayers: choice.gpuLayers,
    ...(contextSize !== null ? { contextSize } : {}),
    threads: choice.threads,
    batchSize: choice.batchSize,
    flashAttention: choice.flashAttention,
    kvCacheType: choice.kvCacheType,
    lora: choice.lora,
  };
}
