import { appError } from '../base/appError';

/** Maps SQLite failures on write to the typed STORAGE_FAILED error; the transaction was rolled back. */
export function storageError(error: unknown) {
  const code = (error as { code?: string }).code ?? '';
  const reason = code === 'SQLITE_FULL' ? 'DISK_FULL' : code.startsWith('SQLITE_READONLY') ? 'READ_ONLY' : 'OTHER';
  return appError('STORAGE_FAILED', { reason });
}

/** Runs a write; a SQLite failure becomes STORAGE_FAILED, anything else (a typed error) passes through. */
export function guardedWrite<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if ((error as { code?: string }).code?.startsWith('SQLITE_')) throw storageError(error);
    throw error;
  }
}
