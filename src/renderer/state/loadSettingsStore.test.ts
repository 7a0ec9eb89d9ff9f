import { describe, expect, it } from 'vitest';
import type { LoadSettingsPatch } from '../../shared/contract';
import { adoptLegacyLoadChoices, saveLoadSettings, stashLegacyLoadChoices, useLoadSettingsStore, withChanges } from './loadSettingsStore';
import type { CaliperClient } from '../platform/rpcClient';

function memoryStorage(entries: Record<string, string> = {}): Storage {
  const map = new Map(Object.entries(entries));
  return {
    get length() {
      return map.size;
    },
    clear: () => map.clear(),
    getItem: (k) => map.get(k) ?? null,
    key: (i) => [...map.keys()][i] ?? null,
    removeItem: (k) => void map.delete(k),
    setItem: (k, v) => void map.set(k, v),
  };
}

/** The host's side of `engine.savedSettings` / `saveSettings`, in memory. */
function hostWith(saved: Record<string, LoadSettingsPatch>) {
  const engine = {
    savedSettings: async ({ path }: { path: string }) => saved[path] ?? {},
    saveSettings: async ({ path, settings }: { path: string; settings: LoadSettingsPatch }) => (saved[path] = settings),
  };
  return { client: { engine } as unknown as CaliperClient, saved };
}

describe('load settings kept by the host', () => {
  it('hands choices Chat kept in localStorage to the host once, never over one the host keeps', async () => {
    const storage = memoryStorage({
      'caliper-chat': JSON.stringify({
        state: {
          panelOpen: true,
          loadChoices: {
            '/m/a.gguf': {
              gpuLayers: 'auto',
              contextSize: null,
              threads: 3,
              batchSize: null,
              flashAttention: false,
              kvCacheType: 'Q8_0',
              lora: [],
            },
            '/m/b.gguf': {
              gpuLayers: 0,
              contextSize: 2048,
              threads: null,
              batchSize: null,
              flashAttention: false,
              kvCacheType: 'F16',
              lora: [],
            },
          },
        },
        version: 1,
      }),
    });
    stashLegacyLoadChoices(storage);
    // The preferences keep their own fields only, so no later write of them can lose the choices.
    expect(JSON.parse(storage.getItem('caliper-chat')!)).toEqual({ state: { panelOpen: true }, version: 1 });

    const { client, saved } = hostWith({ '/m/b.gguf': { threads: 2 } });
    await adoptLegacyLoadChoices(client, storage);
    expect(saved['/m/a.gguf']).toEqual({ gpuLayers: 'auto', threads: 3, flashAttention: false, kvCacheType: 'Q8_0', lora: [] });
    expect(saved['/m/b.gguf']).toEqual({ threads: 2 });
    expect(storage.getItem('caliper-legacy-load-choices')).toBeNull();
  });

  it('keeps the stash when the host cannot be asked, to try again next start', async () => {
    const storage = memoryStorage({ 'caliper-legacy-load-choices': JSON.stringify({ '/m/a.gguf': { threads: 3 } }) });
    const client = { engine: { savedSettings: () => Promise.reject(new Error('socket closed')) } } as unknown as CaliperClient;
    await expect(adoptLegacyLoadChoices(client, storage)).rejects.toThrow('socket closed');
    expect(storage.getItem('caliper-legacy-load-choices')).not.toBeNull();
  });

  it('a change to undefined returns a field to the default', () => {
    expect(withChanges({ threads: 3, contextSize: 1024 }, { threads: undefined, kvCacheType: 'Q4_0' })).toEqual({
      contextSize: 1024,
      kvCacheType: 'Q4_0',
    });
  });

  it("an older save's answer does not replace a newer choice on screen", async () => {
    const path = '/m/race.gguf';
    const answers: Array<() => void> = [];
    const client = {
      engine: {
        saveSettings: ({ settings }: { settings: LoadSettingsPatch }) =>
          new Promise<LoadSettingsPatch>((resolve) => answers.push(() => resolve(settings))),
      },
    } as unknown as CaliperClient;
    const shown = () => useLoadSettingsStore.getState().saved[path];
    const first = saveLoadSettings(client, path, { batchSize: 256 });
    // As the form does: the next change builds on what it shows.
    const second = saveLoadSettings(client, path, withChanges(shown()!, { kvCacheType: 'Q8_0' }));
    answers[0]!();
    await first;
    expect(shown()).toEqual({ batchSize: 256, kvCacheType: 'Q8_0' });
    answers[1]!();
    await second;
    expect(shown()).toEqual({ batchSize: 256, kvCacheType: 'Q8_0' });
  });
});
