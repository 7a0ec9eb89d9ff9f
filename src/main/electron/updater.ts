import electronUpdater from 'electron-updater';
import type { SettingsService } from '../services/settings/settingsService';
import { UpdateSchedule } from '../base/updateSchedule';

/**
 * electron-updater against the GitHub releases named in the package (app-update.yml), driven by the
 * `autoUpdate` setting (off until the user turns it on). Updates install when the user quits;
 * `quitAndInstall` is never called, so nothing running is interrupted.
 */
export function startUpdates(settings: SettingsService): () => void {
  const { autoUpdater } = electronUpdater;
  autoUpdater.logger = null;
  // Failures are reported through the rejected check; an 'error' event without a listener would throw.
  autoUpdater.on('error', () => undefined);
  const schedule = new UpdateSchedule(
    {
      check: () => autoUpdater.checkForUpdates(),
      setAutomatic: (on) => {
        autoUpdater.autoDownload = on;
        autoUpdater.autoInstallOnAppQuit = on;
      },
    },
    { firstCheckMs: 30_000, everyMs: 6 * 3600_000, onError: (error) => console.warn('update check failed:', (error as Error).message) },
  );
  schedule.apply(settings.get().autoUpdate);
  const off = settings.onDidChange((next) => schedule.apply(next.autoUpdate));
  return () => {
    off();
    schedule.dispose();
  };
}
