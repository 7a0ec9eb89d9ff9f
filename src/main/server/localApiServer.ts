import type { ApiService } from '../services/api/apiService';
import type { SettingsService } from '../services/settings/settingsService';
import { OpenAiRoutes } from './api/openAiRoutes';
import { startHttpHost, type RunningServer } from './httpHost';

/**
 * The desktop app's API port: opened on 127.0.0.1 when the user turns the API on in Settings,
 * moved when the port changes, closed when turned off. Only `/v1` is served there (the window
 * itself talks over a MessagePort), behind the same boundary as the headless host.
 */
export class LocalApiServer {
  private running: { port: number; server: RunningServer } | null = null;
  private applying: Promise<void> = Promise.resolve();
  private unsubscribe: (() => void) | null = null;
  private readonly routes: OpenAiRoutes;

  constructor(private readonly deps: { api: ApiService; settings: SettingsService }) {
    this.routes = new OpenAiRoutes(deps.api, deps.settings);
  }

  start(): Promise<void> {
    this.unsubscribe ??= this.deps.settings.onDidChange(() => void this.apply());
    return this.apply();
  }

  /** Follows the settings; calls queue so a quick off-on never leaves two servers. */
  apply(): Promise<void> {
    this.applying = this.applying.then(() => this.reconcile());
    return this.applying;
  }

  async dispose(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = null;
    await this.applying;
    await this.running?.server.close();
    this.running = null;
  }

  private async reconcile(): Promise<void> {
    const { apiEnabled, apiPort } = this.deps.settings.get();
    const wanted = apiEnabled && this.unsubscribe ? apiPort : null;
    if (this.running?.port === wanted) return;
    if (this.running) {
      await this.running.server.close();
      this.running = null;
    }
    if (wanted === null) {
      this.deps.api.setStatus({ serving: false, baseUrl: null, error: null });
      return;
    }
    try {
      const server = await startHttpHost({
        host: '127.0.0.1',
        port: wanted,
        api: this.routes,
        corsOrigins: () => this.deps.settings.get().apiCorsOrigins,
      });
      this.running = { port: wanted, server };
      this.deps.api.setStatus({ serving: true, baseUrl: `${server.url}v1`, error: null });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      this.deps.api.setStatus({
        serving: false,
        baseUrl: null,
        error: code === 'EADDRINUSE' ? 'PORT_IN_USE' : code === 'EACCES' ? 'PORT_DENIED' : 'FAILED',
      });
    }
  }
}
