import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import type { Connection, ConnectionTest, ServerKind } from '../../../shared/contract';
import { appError, storedError } from '../../base/appError';
import type { SettingsService } from '../settings/settingsService';
import type { ConnectionStore, StoredConnection } from './connectionStore';
import { RemoteClient } from './remoteClient';

export interface RemoteServiceDeps {
  store: ConnectionStore;
  settings: Pick<SettingsService, 'secret' | 'setSecret'>;
  fetch?: typeof fetch;
}

export interface ConnectionInput {
  name: string;
  kind: ServerKind;
  baseUrl: string;
  apiKey?: string | null;
  firstByteTimeoutSeconds: number;
  idleTimeoutSeconds: number;
}

const StoredKeySchema = z.object({ key: z.string().min(1), origin: z.string() });

/** Where each server says what it is. */
const VERSION_PATHS: Partial<Record<ServerKind, { path: string; field: string }>> = {
  'llama-server': { path: '/props', field: 'build_info' },
  vllm: { path: '/version', field: 'version' },
  ollama: { path: '/api/version', field: 'version' },
};

/**
 * Remote engines: OpenAI-compatible servers the user deploys (vLLM, TensorRT-LLM, OpenLLM,
 * llama-server, Ollama, LM Studio, another Caliper). A key is stored like the Hub token: never
 * returned, sent only to the origin it was saved for, forgotten when the address moves elsewhere.
 */
export class RemoteService {
  private readonly store: ConnectionStore;

  constructor(private readonly deps: RemoteServiceDeps) {
    this.store = deps.store;
  }

  list(): Connection[] {
    return this.store.list().map((c) => this.view(c));
  }

  get(id: string): Connection {
    return this.view(this.require(id));
  }

  create(input: ConnectionInput): Connection {
    const { apiKey, ...rest } = input;
    const stored = this.store.insert({ ...rest, baseUrl: trimSlash(rest.baseUrl) });
    if (apiKey) this.setKey(stored, apiKey);
    return this.view(stored);
  }

  update(id: string, patch: Partial<ConnectionInput>): Connection {
    const current = this.require(id);
    const { apiKey, ...rest } = patch;
    const next: StoredConnection = { ...current, ...rest, baseUrl: trimSlash(rest.baseUrl ?? current.baseUrl) };
    // A new address: the last test no longer says anything, and the key stays with its origin.
    if (next.baseUrl !== current.baseUrl) next.lastTest = null;
    this.store.update(next);
    if (apiKey === null) this.deps.settings.setSecret(keyName(id), null);
    else if (apiKey !== undefined) this.setKey(next, apiKey);
    return this.view(this.require(id));
  }

  delete(id: string): void {
    this.require(id);
    this.store.remove(id);
    this.deps.settings.setSecret(keyName(id), null);
  }

  /** A client for the connection as it is now (address, key, timeouts). */
  client(id: string): RemoteClient {
    const c = this.require(id);
    return new RemoteClient(
      {
        baseUrl: c.baseUrl,
        apiKey: this.key(c),
        firstByteTimeoutMs: c.firstByteTimeoutSeconds * 1000,
        idleTimeoutMs: c.idleTimeoutSeconds * 1000,
      },
      this.deps.fetch,
    );
  }

  /** The models, the round trip, the server's version and what it reports; kept with the connection. */
  async test(id: string, signal?: AbortSignal): Promise<Connection> {
    const connection = this.require(id);
    const client = this.client(id);
    const test: ConnectionTest = {
      at: Date.now(),
      ok: false,
      rttMs: null,
      models: [],
      version: null,
      capabilities: { usageInStream: null, serverMetrics: null },
      error: null,
    };
    try {
      const start = performance.now();
      test.models = await client.models(signal);
      test.rttMs = performance.now() - start;
      const versionAt = VERSION_PATHS[connection.kind];
      const about = versionAt ? await client.sideJson(versionAt.path, signal) : null;
      test.version = about && typeof about[versionAt!.field] === 'string' ? String(about[versionAt!.field]).slice(0, 100) : null;
      const first = test.models[0];
      if (first) {
        // One token answered shows whether usage comes in the stream and whether the server times itself.
        const answer = await client.chat(first, [{ role: 'user', text: 'Hi' }], PROBE_SAMPLING, () => undefined, signal);
        test.capabilities.usageInStream = !answer.tokensCounted;
        test.capabilities.serverMetrics = answer.server ? 'timings' : (await client.sideReachable('/metrics', signal)) ? 'prometheus' : null;
      }
      test.ok = true;
    } catch (error) {
      test.error = storedError(error);
    }
    this.store.setTest(id, test);
    return this.view(this.require(id));
  }

  private view(c: StoredConnection): Connection {
    return { ...c, hasKey: this.key(c) !== null };
  }

  /** The key when it was saved for this connection's origin; one saved for another is dropped. */
  private key(c: StoredConnection): string | null {
    const raw = this.deps.settings.secret(keyName(c.id));
    if (raw === null) return null;
    const stored = StoredKeySchema.safeParse(safeJson(raw));
    if (stored.success && stored.data.origin === new URL(c.baseUrl).origin) return stored.data.key;
    this.deps.settings.setSecret(keyName(c.id), null);
    return null;
  }

  private setKey(c: StoredConnection, key: string): void {
    this.deps.settings.setSecret(keyName(c.id), JSON.stringify({ key, origin: new URL(c.baseUrl).origin }));
  }

  private require(id: string): StoredConnection {
    const c = this.store.get(id);
    if (!c) throw appError('CONNECTION_NOT_FOUND', { id });
    return c;
  }
}

const PROBE_SAMPLING = { temperature: 0, topP: 1, topK: 0, minP: 0, repeatPenalty: 1, seed: 0, maxTokens: 1 };

const keyName = (id: string) => `remote.key.${id}`;
const trimSlash = (url: string) => url.replace(/\/+$/, '');

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
