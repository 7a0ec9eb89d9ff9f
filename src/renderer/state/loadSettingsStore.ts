import { create } from 'zustand';
import type { LoadSettingsPatch } from '../../shared/contract';
import type { CaliperClient } from '../platform/rpcClient';

/**
 * How the user chose to load each file, as the host keeps it (`engine.savedSettings`): Chat's load
 * form edits it, Chat's Load button sends it. Fetched once per file and kept current by this
 * window's own saves.
 */
interface LoadSettingsState {
  saved: Record<string, LoadSettingsPatch>;
}

export const useLoadSettingsStore = create<LoadSettingsState>()(() => ({ saved: {} }));

const pending = new Map<string, Promise<LoadSettingsPatch>>();

/** The saved choice for `path`, fetched on first use. */
export function fetchLoadSettings(client: CaliperClient, path: string): Promise<LoadSettingsPatch> {
  const known = useLoadSettingsStore.getState().saved[path];
  if (known) return Promise.resolve(known);
  let request = pending.get(path);
  if (!request) {
    request = client.engine
      .savedSettings({ path })
      .then((settings) => {
        useLoadSettingsStore.setState((s) => ({ saved: { ...s.saved, [path]: s.saved[path] ?? settings } }));
        return useLoadSettingsStore.getState().saved[path]!;
      })
      .finally(() => pending.delete(path));
    pending.set(path, request);
  }
  return request;
}

// The newest save asked for per file: an older save's answer must not replace a newer choice on
// screen, since the form builds its next change from what it shows.
const latestSave = new Map<string, number>();

/** Replaces the choice for `path`: shown at once, kept by the host; on failure the last kept one returns and the error is thrown. */
export async function saveLoadSettings(client: CaliperClient, path: string, settings: LoadSettingsPatch): Promise<void> {
  const before = useLoadSettingsStore.getState().saved[path];
  const turn = (latestSave.get(path) ?? 0) + 1;
  latestSave.set(path, turn);
  useLoadSettingsStore.setState((s) => ({ saved: { ...s.saved, [path]: settings } }));
  try {
    const kept = await client.engine.saveSettings({ path, settings });
    if (latestSave.get(path) === turn) useLoadSettingsStore.setState((s) => ({ saved: { ...s.saved, [path]: kept } }));
  } catch (error) {
    if (latestSave.get(path) !== turn) throw error;
    useLoadSettingsStore.setState((s) => {
      const saved = { ...s.saved };
      if (before) saved[path] = before;
      else delete saved[path];
      return { saved };
    });
    throw error;
  }
}

/** Drops what this window knows of `path`'s choice (the host changed it), so the next use fetches it. */
export function forgetLoadSettings(path: string): void {
  useLoadSettingsStore.setState((s) => {
    const saved = { ...s.saved };
    delete saved[path];
    return { saved };
  });
}

/** Fields a choice changes; `undefined` clears one (back to the engine's default). */
export function withChanges(settings: LoadSettingsPatch, changes: Partial<Record<keyof LoadSettingsPatch, unknown>>): LoadSettingsPatch {
  const next: Record<string, unknown> = { ...settings, ...changes };
  for (const key of Object.keys(next)) if (next[key] === undefined) delete next[key];
  return next as LoadSettingsPatch;
}

const CHAT_PREFERENCES_KEY = 'caliper-chat';
const LEGACY_KEY = 'caliper-legacy-load-choices';

/**
 * Chat kept load choices in this window's localStorage (inside its preferences) before they moved
 * to the host. Called before the preferences store reads its key: the choices move to a key of
 * their own until the host has them, so no write of the preferences can lose them.
 */
export function stashLegacyLoadChoices(given?: Storage): void {
  try {
    const storage = given ?? globalThis.localStorage;
    if (!storage) return;
    const raw = storage.getItem(CHAT_PREFERENCES_KEY);
    if (!raw) return;
    const parsed = JSON.parse(raw) as { state?: { loadChoices?: unknown } };
    if (!parsed.state?.loadChoices) return;
    const { loadChoices, ...state } = parsed.state;
    const earlier = JSON.parse(storage.getItem(LEGACY_KEY) ?? '{}') as Record<string, unknown>;
    storage.setItem(LEGACY_KEY, JSON.stringify({ ...(loadChoices as Record<string, unknown>), ...earlier }));
    storage.setItem(CHAT_PREFERENCES_KEY, JSON.stringify({ ...parsed, state }));
  } catch {
    // Unreadable preferences: nothing to hand over.
  }
}

/** Hands stashed choices to the host once (a choice the host already keeps wins), then forgets them. */
export async function adoptLegacyLoadChoices(client: CaliperClient, storage: Storage = localStorage): Promise<void> {
  let choices: Record<string, Record<string, unknown>>;
  try {
    choices = JSON.parse(storage.getItem(LEGACY_KEY) ?? 'null') as typeof choices;
  } catch {
    choices = {};
  }
  if (!choices) return;
  for (const [path, choice] of Object.entries(choices)) {
    if (Object.keys(await client.engine.savedSettings({ path })).length > 0) continue;
    // The old form used null for "the default"; the host keeps only fields that were chosen.
    const settings = Object.fromEntries(Object.entries(choice).filter(([, v]) => v !== null && v !== undefined));
    await client.engine.saveSettings({ path, settings }).catch(() => undefined);
  }
  storage.removeItem(LEGACY_KEY);
}
