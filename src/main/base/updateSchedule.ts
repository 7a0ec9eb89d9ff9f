/** What the schedule drives: electron-updater's autoUpdater in the desktop app, a fake in tests. */
export interface UpdateTarget {
  check(): Promise<unknown>;
  /**
   * On: a release found is downloaded in the background and installed when the user quits.
   * Off: nothing is downloaded, and an update already downloaded is not installed.
   */
  setAutomatic(on: boolean): void;
}

export interface UpdateScheduleOptions {
  /** After start (or after the user turns updates on): let the app settle first. */
  firstCheckMs: number;
  everyMs: number;
  onError?: (error: unknown) => void;
}

/**
 * Checks for updates only while the user has agreed to (the `autoUpdate` setting). Nothing here
 * ever restarts the app: an update is installed on quit, so no answer being generated and no
 * download in progress is cut off by it.
 */
export class UpdateSchedule {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private enabled = false;

  constructor(
    private readonly target: UpdateTarget,
    private readonly options: UpdateScheduleOptions = { firstCheckMs: 30_000, everyMs: 6 * 3600_000 },
  ) {
    target.setAutomatic(false);
  }

  apply(enabled: boolean): void {
    if (enabled === this.enabled) return;
    this.enabled = enabled;
    this.target.setAutomatic(enabled);
    this.clear();
    if (enabled) this.schedule(this.options.firstCheckMs);
  }

  dispose(): void {
    this.enabled = false;
    this.clear();
  }

  private schedule(ms: number): void {
    this.timer = setTimeout(() => {
      this.timer = null;
      if (!this.enabled) return;
      // Offline, or no release for this platform yet: try again at the next interval.
      void this.target.check().catch((error: unknown) => this.options.onError?.(error));
      this.schedule(this.options.everyMs);
    }, ms);
  }

  private clear(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
