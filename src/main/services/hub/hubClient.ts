import { appError } from '../../base/appError';
import { isInternalAddress, isLoopbackAddress, networkDetail, resolveHost, type ResolveHost } from '../../base/netAddress';

export interface HubEndpoint {
  url: string;
  source: 'setting' | 'environment' | 'default';
}

export interface HubClientDeps {
  endpoint: () => HubEndpoint;
  token: () => string | null;
  fetch?: typeof fetch;
  /** DNS, replaceable in tests so a "public" endpoint can be simulated on loopback. */
  resolveHost?: ResolveHost;
}

export interface HubRequestOptions {
  method?: 'GET' | 'HEAD';
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** For messages: which repository and file a 404 or 401 is about. */
  repoId?: string;
  path?: string;
}

const MAX_REDIRECTS = 5;
export const DEFAULT_HUB_ENDPOINT = 'https://huggingface.co';

/**
 * HTTP to the Hub (or a mirror). The token goes only to the endpoint's own origin, and only over
 * https (a mirror on this machine excepted): redirects are followed by hand so a CDN on another
 * host never sees it. A redirect into this machine or its network is refused unless the endpoint
 * itself lives there, so the Hub cannot be used to read local services. Failures become typed
 * errors; no header is ever put into an error or a log.
 */
export class HubClient {
  private readonly fetchImpl: typeof fetch;
  private readonly resolveHost: ResolveHost;

  constructor(private readonly deps: HubClientDeps) {
    this.fetchImpl = deps.fetch ?? fetch;
    this.resolveHost = deps.resolveHost ?? resolveHost;
  }

  endpoint(): HubEndpoint {
    return this.deps.endpoint();
  }

  /** `/api/models` etc. relative to the endpoint (a mirror may live under a path prefix). */
  url(pathAndQuery: string): string {
    return this.deps.endpoint().url.replace(/\/+$/, '') + pathAndQuery;
  }

  resolveUrl(repoId: string, revision: string, path: string): string {
    const encoded = path.split('/').map(encodeURIComponent).join('/');
    return this.url(`/${repoId}/resolve/${encodeURIComponent(revision)}/${encoded}`);
  }

  async json<T>(pathAndQuery: string, options: HubRequestOptions = {}): Promise<{ body: T; response: Response }> {
    const response = await this.request(this.url(pathAndQuery), { ...options, headers: { accept: 'application/json', ...options.headers } });
    try {
      return { body: (await response.json()) as T, response };
    } catch (error) {
      throw appError('HUB_FAILED', { status: response.status, detail: `malformed JSON: ${(error as Error).message}`.slice(0, 300) });
    }
  }

  /** Follows redirects itself; returns the final response when it is 2xx (or 206/416 for ranges). */
  async request(url: string, options: HubRequestOptions = {}): Promise<Response> {
    const endpoint = new URL(this.deps.endpoint().url);
    let endpointInternal: Promise<boolean> | null = null;
    let current = url;
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      const target = new URL(current);
      if (hop > 0 && target.origin !== endpoint.origin) {
        endpointInternal ??= this.isInternal(endpoint.hostname);
        if (!(await endpointInternal) && (await this.isInternal(target.hostname))) {
          throw appError('HUB_REDIRECT_REFUSED', { host: target.host });
        }
      }
      const headers: Record<string, string> = { ...options.headers };
      const token = this.deps.token();
      if (token && target.origin === endpoint.origin && (target.protocol === 'https:' || isLoopbackName(target.hostname))) {
        headers.authorization = `Bearer ${token}`;
      }
      let response: Response;
      try {
        response = await this.fetchImpl(target, { method: options.method ?? 'GET', headers, redirect: 'manual', signal: options.signal });
      } catch (error) {
        if (options.signal?.aborted) throw error;
        throw appError('HUB_UNREACHABLE', { endpoint: endpoint.origin, detail: networkDetail(error) });
      }
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location) {
        await response.body?.cancel();
        current = new URL(location, target).toString();
        continue;
      }
      if (response.ok || response.status === 416) return response;
      await response.body?.cancel().catch(() => undefined);
      throw statusError(response.status, options);
    }
    throw appError('HUB_FAILED', { status: 310, detail: 'too many redirects' });
  }

  /** A name that does not resolve is not internal: the request then fails as unreachable. */
  private async isInternal(hostname: string): Promise<boolean> {
    const addresses = await this.resolveHost(hostname).catch(() => []);
    return addresses.some(isInternalAddress);
  }
}

function isLoopbackName(hostname: string): boolean {
  const bare = hostname.replace(/^\[|\]$/g, '');
  return bare === 'localhost' || isLoopbackAddress(bare);
}

function statusError(status: number, options: HubRequestOptions) {
  if (status === 401 || status === 403) return appError('HUB_UNAUTHORIZED', { repoId: options.repoId ?? null });
  if (status === 404) return appError('HUB_NOT_FOUND', { repoId: options.repoId ?? '', path: options.path ?? null });
  return appError('HUB_FAILED', { status, detail: `HTTP ${status}` });
}
