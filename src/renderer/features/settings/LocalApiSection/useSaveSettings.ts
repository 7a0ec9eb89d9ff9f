import { useCallback, useState } from 'react';
import type { SettingsPatch } from '../../../../shared/contract';
import { updateSettings } from '../../../state/appStore';

/** Saves a settings patch, with the busy flag and the typed error for the control that asked. */
export function useSaveSettings(): {
  save: (patch: SettingsPatch) => Promise<boolean>;
  busy: boolean;
  error: unknown;
  clearError: () => void;
} {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const save = useCallback(async (patch: SettingsPatch) => {
    setBusy(true);
    setError(null);
    try {
      await updateSettings(patch);
      return true;
    } catch (failure) {
      setError(failure);
      return false;
    } finally {
      setBusy(false);
    }
  }, []);
  const clearError = useCallback(() => setError(null), []);
  return { save, busy, error, clearError };
}
