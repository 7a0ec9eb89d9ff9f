import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import {
  HubEndpointSchema,
  type HubFile,
  type HubModelDetails,
  type HubModelSummary,
  type HubSort,
  type HubStatus,
  type RemoteFit,
} from '../../../shared/contract';
import { appError } from '../../base/appError';
import type { ResolveHost } from '../../base/netAddress';
import type { EngineService } from '../engine/engineService';
import type { HeaderReaderPool } from '../library/headerReaderPool';
import type { SettingsService } from '../settings/settingsService';
import { cardSummary } from './cardSummary';
import { DEFAULT_HUB_ENDPOINT, HubClient, type HubEndpoint } from './hubClient';
import { groupFiles, quantizationOf, splitOf, splitPartPaths } from './hubFiles';
import { HubModelInfoSchema, HubSearchEntrySchema, HubTreeEntrySchema, type HubModelInfo } from './hubSchemas';
import { fetchRemoteHeader } from './remoteHeader';

export interface HubServiceDeps {
  settings: SettingsService;
  engineService: EngineService;
  reader: HeaderReaderPool;
  /** Where fetched headers are kept (outside every model folder). */
  cacheDir: string;
  /** HF_ENDPOINT as the host was started with. */
  environmentEndpoint?: string;
  fetch?: typeof fetch;
  resolveHost?: ResolveHost;
}

const TOKEN_KEY = 'hub.token';

const StoredTokenSchema = z.object({ token: z.string().min(1), origin: z.string() });
type StoredToken = z.infer<typeof StoredTokenSchema>;

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
const MAX_TREE_PAGES = 20;

/** The contract's `hub` domain: search, model pages, and "will it fit?" from a remote header. */
export class HubService {
  readonly client: HubClient;

  constructor(private readonly deps: HubServiceDeps) {
    this.client = new HubClient({
      endpoint: () => this.endpoint(),
      token: () => this.token(),
      fetch: deps.fetch,
      resolveHost: deps.resolveHost,
    });
    // A token is for the endpoint it was saved for: pointing Caliper elsewhere forgets it, so a
    // changed setting can never carry it to another server.
    deps.settings.onDidChange(() => void this.token());
  }

  endpoint(): HubEndpoint {
    const setting = this.deps.settings.get().hubEndpoint;
    if (setting) return { url: setting, source: 'setting' };
    const env = HubEndpointSchema.safeParse(this.deps.environmentEndpoint);
    if (env.success) return { url: env.data, source: 'environment' };
    return { url: DEFAULT_HUB_ENDPOINT, source: 'default' };
  }

  status(): HubStatus {
    const { url, source } = this.endpoint();
    return { endpoint: url, endpointSource: source, hasToken: this.token() !== null };
  }

  setToken(token: string | null): HubStatus {
    const trimmed = token?.trim() || null;
    const origin = new URL(this.endpoint().url).origin;
    this.deps.settings.setSecret(TOKEN_KEY, trimmed && JSON.stringify({ token: trimmed, origin } satisfies StoredToken));
    return this.status();
  }

  async search(query: string, sort: HubSort, limit: number): Promise<HubModelSummary[]> {
    const params = new URLSearchParams({ search: query.trim(), filter: 'gguf', sort, direction: '-1', limit: String(limit) });
    for (const field of ['downloads', 'likes', 'lastModified', 'tags', 'pipeline_tag', 'gated']) params.append('expand[]', field);
    const { body } = await this.client.json<unknown>(`/api/models?${params}`);
    const entries = z.array(z.unknown()).catch([]).parse(body);
    return entries.flatMap((entry) => {
      const parsed = HubSearchEntrySchema.safeParse(entry);
      return parsed.success && parsed.data.id.includes('/') ? [summaryOf(parsed.data)] : [];
    });
  }

  async model(repoId: string): Promise<HubModelDetails> {
    const info = await this.info(repoId);
    const revision = info.sha ?? 'main';
    const [files, card] = await Promise.all([this.files(repoId, revision), this.card(repoId, revision)]);
    const license = info.cardData?.license_name ?? [info.cardData?.license ?? []].flat()[0] ?? tagValue(info.tags, 'license') ?? null;
    return {
      ...summaryOf(info),
      sha: info.sha ?? null,
      license,
      summary: cardSummary(card),
      baseModels: [info.cardData?.base_model ?? []].flat().slice(0, 10),
      groups: groupFiles(files),
    };
  }

  /** Lists a repository's files with sizes and LFS sha256, following the tree's pagination. */
  async files(repoId: string, revision: string): Promise<HubFile[]> {
    const files: HubFile[] = [];
    let next: string | null = `/api/models/${repoId}/tree/${encodeURIComponent(revision)}?recursive=true`;
    for (let page = 0; next && page < MAX_TREE_PAGES; page++) {
      const { body, response } = await this.client.json<unknown>(next, { repoId });
      for (const entry of z.array(z.unknown()).catch([]).parse(body)) {
        const parsed = HubTreeEntrySchema.safeParse(entry);
        if (!parsed.success || parsed.data.type !== 'file') continue;
        const { path, size, lfs } = parsed.data;
        const split = splitOf(path);
        files.push({
          path,
          sizeBytes: lfs?.size ?? size,
          sha256: lfs?.oid ?? null,
          quantization: quantizationOf(path),
          split: split ? { part: split.part, total: split.total } : null,
        });
      }
      next = nextPage(response.headers.get('link'), this.client.url(''));
    }
    return files;
  }

  async info(repoId: string): Promise<HubModelInfo> {
    const { body } = await this.client.json<unknown>(`/api/models/${repoId}`, { repoId });
    const parsed = HubModelInfoSchema.safeParse(body);
    if (!parsed.success) throw appError('HUB_FAILED', { status: 200, detail: 'unexpected model info' });
    return parsed.data;
  }

  /** Reads the file's header (and its other parts' headers) with range requests, then estimates. */
  async fit(repoId: string, path: string, revision: string | undefined, contextSize?: number): Promise<RemoteFit> {
    const rev = revision ?? (await this.info(repoId)).sha ?? 'main';
    const split = splitOf(path);
    const parts = split ? splitPartPaths(split.prefix, split.total) : [path];
    const dir = join(this.deps.cacheDir, createHash('sha256').update(`${repoId}@${rev}/${path}`).digest('hex').slice(0, 32));
    const read = (p: string, size: number) => this.deps.reader.read(p, size);
    const headers = [];
    for (const [i, part] of parts.entries()) {
      headers.push(await fetchRemoteHeader(this.client, { repoId, revision: rev, path: part }, dir, read, { laterSplitPart: i > 0 }));
    }
    const first = headers[0]!;
    if (!first.facts) throw appError('NOT_A_GGUF', { path: `${repoId}/${path}`, problem: 'MISSING_ARCHITECTURE', detail: 'the first part has no model metadata' });
    if (first.facts.kind === 'adapter') {
      throw appError('NOT_A_GGUF', { path: `${repoId}/${path}`, problem: 'ADAPTER_NOT_MODEL', detail: 'a LoRA adapter is applied to a model, not loaded alone' });
    }
    const fit = await this.deps.engineService.fitFile(first.localPath, contextSize);
    return { fit, facts: first.facts, headerBytesRead: headers.reduce((sum, h) => sum + h.bytesRead, 0) };
  }

  private async card(repoId: string, revision: string): Promise<string> {
    try {
      const response = await this.client.request(this.client.resolveUrl(repoId, revision, 'README.md'), { repoId });
      return (await response.text()).slice(0, 200_000);
    } catch {
      return ''; // A repository without a card is still usable.
    }
  }

  /** The saved token when it was saved for the endpoint in use now; one for another endpoint is dropped. */
  private token(): string | null {
    const raw = this.deps.settings.secret(TOKEN_KEY);
    if (raw === null) return null;
    const origin = new URL(this.endpoint().url).origin;
    const stored = StoredTokenSchema.safeParse(safeJson(raw));
    // Saved by an earlier version (a bare string): bound to the endpoint in use when first seen.
    if (!stored.success) {
      this.deps.settings.setSecret(TOKEN_KEY, JSON.stringify({ token: raw, origin } satisfies StoredToken));
      return raw;
    }
    if (stored.data.origin === origin) return stored.data.token;
    this.deps.settings.setSecret(TOKEN_KEY, null);
    return null;
  }
}

function summaryOf(e: z.infer<typeof HubSearchEntrySchema>): HubModelSummary {
  return {
    id: e.id,
    author: e.id.split('/')[0] ?? '',
    downloads: e.downloads,
    likes: e.likes,
    lastModified: e.lastModified,
    pipelineTag: e.pipeline_tag ?? null,
    tags: e.tags.slice(0, 50),
    gated: e.gated,
  };
}

function tagValue(tags: string[], key: string): string | null {
  return tags.find((t) => t.startsWith(`${key}:`))?.slice(key.length + 1) ?? null;
}

/** `Link: <https://…?cursor=…>; rel="next"` → the path on the same endpoint, or null. */
function nextPage(link: string | null, base: string): string | null {
  const url = link && /<([^>]+)>;\s*rel="next"/.exec(link)?.[1];
  if (!url) return null;
  const target = new URL(url, base);
  const endpoint = new URL(base);
  if (target.origin !== endpoint.origin) return null;
  return target.pathname.slice(endpoint.pathname.replace(/\/+$/, '').length) + target.search;
}
