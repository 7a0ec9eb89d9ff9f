import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A loopback stand-in for the Hugging Face Hub that speaks the routes Caliper uses (search, model
 * info, recursive tree with LFS sha256, resolve with its redirect to a CDN on another origin,
 * HEAD, Range, If-Range) and can misbehave on purpose. The internet cannot be reached from the
 * test machines; the protocol can.
 */

export interface FakeHubFile {
  path: string;
  content: Buffer;
}

export interface FakeHubModel {
  id: string;
  downloads?: number;
  likes?: number;
  lastModified?: string;
  tags?: string[];
  pipelineTag?: string;
  license?: string;
  baseModel?: string;
  /** README.md body, front matter included. */
  card?: string;
  /** Requires `Authorization: Bearer <token>` on every route (like a gated repo). */
  gatedToken?: string;
  files: FakeHubFile[];
}

export interface FileFaults {
  /** Per download attempt (in order): cut the connection after this many body bytes. */
  dropAfterBytes?: number[];
  /** Answer 200 with the whole file even when a range is asked for. */
  ignoreRange?: boolean;
  /** From the second attempt on, serve this content instead (a new ETag; the listing keeps the old sha256). */
  changedContent?: Buffer;
  /** Serve the content with the byte at this offset flipped. */
  flipByteAt?: number;
  /** End the body cleanly this many bytes early (chunked, so the client sees no length error). */
  shortBy?: number;
  /** Apply `shortBy` only to this many first attempts (default: all). */
  shortAttempts?: number;
  /** On the first attempt: send this many bytes, then hang with the connection open. */
  stallAfterBytes?: number;
  /** Send at most this many bytes per second. */
  bytesPerSecond?: number;
}

export interface HubRequestLog {
  origin: 'hub' | 'cdn';
  method: string;
  url: string;
  range: string | null;
  ifRange: string | null;
  authorization: string | null;
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const commitOf = (id: string) => createHash('sha1').update(id).digest('hex');

export class FakeHub {
  readonly requests: HubRequestLog[] = [];
  private readonly models = new Map<string, FakeHubModel>();
  private readonly faults = new Map<string, FileFaults>();
  private readonly attempts = new Map<string, number>();
  private readonly blobs = new Map<string, { key: string; file: FakeHubFile }>();
  private readonly sockets = new Set<Socket>();
  private hub!: Server;
  private cdn!: Server;
  url = '';
  cdnUrl = '';

  static async start(models: FakeHubModel[] = []): Promise<FakeHub> {
    const hub = new FakeHub();
    for (const m of models) hub.addModel(m);
    hub.hub = await hub.listen((req, res) => hub.handleHub(req, res));
    hub.cdn = await hub.listen((req, res) => hub.handleCdn(req, res));
    hub.url = `http://127.0.0.1:${(hub.hub.address() as AddressInfo).port}`;
    hub.cdnUrl = `http://127.0.0.1:${(hub.cdn.address() as AddressInfo).port}`;
    return hub;
  }

  addModel(model: FakeHubModel): void {
    this.models.set(model.id, model);
    for (const file of model.files) this.blobs.set(sha256(file.content), { key: `${model.id}/${file.path}`, file });
  }

  setFaults(repoId: string, path: string, faults: FileFaults): void {
    this.faults.set(`${repoId}/${path}`, faults);
    this.attempts.set(`${repoId}/${path}`, 0);
  }

  /** Content requests (GET on the CDN) made for a file so far. */
  attemptsFor(repoId: string, path: string): number {
    return this.attempts.get(`${repoId}/${path}`) ?? 0;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await Promise.all([this.hub, this.cdn].map((s) => new Promise<void>((r) => s.close(() => r()))));
  }

  private listen(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<Server> {
    const server = createServer((req, res) => {
      try {
        handler(req, res);
      } catch (error) {
        res.writeHead(500).end(String(error));
      }
    });
    server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
  }

  private log(origin: 'hub' | 'cdn', req: IncomingMessage): void {
    this.requests.push({
      origin,
      method: req.method ?? 'GET',
      url: req.url ?? '',
      range: req.headers.range ?? null,
      ifRange: (req.headers['if-range'] as string | undefined) ?? null,
      authorization: req.headers.authorization ?? null,
    });
  }

  private json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
  }

  private handleHub(req: IncomingMessage, res: ServerResponse): void {
    this.log('hub', req);
    const url = new URL(req.url ?? '/', this.url);
    const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);

    if (parts[0] === 'api' && parts[1] === 'models' && parts.length === 2) return this.search(url, res);
    if (parts[0] === 'api' && parts[1] === 'models') {
      const model = this.models.get(`${parts[2]}/${parts[3]}`);
      if (!model) return this.json(res, 404, { error: 'Repository not found' });
      if (!this.authorized(model, req)) return this.json(res, 401, { error: 'Access to model is restricted' });
      if (parts.length === 4) return this.info(model, res);
      if (parts[4] === 'tree') return this.tree(model, url, res);
      return this.json(res, 404, { error: 'Not found' });
    }
    if (parts[2] === 'resolve' && parts.length >= 5) {
      const model = this.models.get(`${parts[0]}/${parts[1]}`);
      const path = parts.slice(4).join('/');
      const file = model?.files.find((f) => f.path === path);
      if (!model || !file) return this.json(res, 404, { error: 'Entry not found' }, { 'x-error-code': 'EntryNotFound' });
      if (!this.authorized(model, req)) return this.json(res, 401, { error: 'Access to model is restricted' });
      if (!path.endsWith('.gguf')) {
        res.writeHead(200, { 'content-type': 'text/plain', 'content-length': file.content.length });
        return void res.end(req.method === 'HEAD' ? undefined : file.content);
      }
      // LFS files redirect to a CDN on another origin, as huggingface.co does.
      const oid = sha256(file.content);
      res.writeHead(302, {
        location: `${this.cdnUrl}/blobs/${oid}?signature=fake`,
        'x-linked-size': String(file.content.length),
        'x-linked-etag': `"${oid}"`,
        'x-repo-commit': commitOf(model.id),
      });
      return void res.end();
    }
    this.json(res, 404, { error: 'Not found' });
  }

  private authorized(model: FakeHubModel, req: IncomingMessage): boolean {
    return !model.gatedToken || req.headers.authorization === `Bearer ${model.gatedToken}`;
  }

  private search(url: URL, res: ServerResponse): void {
    const query = (url.searchParams.get('search') ?? '').toLowerCase();
    const filter = url.searchParams.get('filter');
    const sort = url.searchParams.get('sort') ?? 'downloads';
    const limit = Number(url.searchParams.get('limit') ?? 30);
    const found = [...this.models.values()]
      .filter((m) => m.id.toLowerCase().includes(query))
      .filter((m) => !filter || (m.tags ?? []).includes(filter))
      .sort((a, b) =>
        sort === 'likes'
          ? (b.likes ?? 0) - (a.likes ?? 0)
          : sort === 'lastModified'
            ? Date.parse(b.lastModified ?? '0') - Date.parse(a.lastModified ?? '0')
            : (b.downloads ?? 0) - (a.downloads ?? 0),
      )
      .slice(0, limit);
    this.json(
      res,
      200,
      found.map((m) => ({
        _id: commitOf(m.id).slice(0, 24),
        id: m.id,
        downloads: m.downloads ?? 0,
        likes: m.likes ?? 0,
        lastModified: m.lastModified ?? '2026-01-01T00:00:00.000Z',
        tags: m.tags ?? [],
        pipeline_tag: m.pipelineTag,
        gated: m.gatedToken ? 'manual' : false,
        private: false,
      })),
    );
  }

  private info(m: FakeHubModel, res: ServerResponse): void {
    this.json(res, 200, {
      _id: commitOf(m.id).slice(0, 24),
      id: m.id,
      author: m.id.split('/')[0],
      sha: commitOf(m.id),
      lastModified: m.lastModified ?? '2026-01-01T00:00:00.000Z',
      private: false,
      gated: m.gatedToken ? 'manual' : false,
      downloads: m.downloads ?? 0,
      likes: m.likes ?? 0,
      tags: [...(m.tags ?? []), ...(m.license ? [`license:${m.license}`] : [])],
      pipeline_tag: m.pipelineTag,
      cardData: { license: m.license, base_model: m.baseModel },
      siblings: m.files.map((f) => ({ rfilename: f.path })),
    });
  }

  private tree(m: FakeHubModel, url: URL, res: ServerResponse): void {
    const recursive = url.searchParams.get('recursive');
    const entries: unknown[] = [];
    const dirs = new Set<string>();
    for (const f of m.files) {
      const segments = f.path.split('/');
      for (let i = 1; i < segments.length; i++) dirs.add(segments.slice(0, i).join('/'));
      if (!recursive && segments.length > 1) continue;
      const lfs = f.path.endsWith('.gguf');
      entries.push({
        type: 'file',
        oid: createHash('sha1').update(f.content).digest('hex'),
        size: f.content.length,
        path: f.path,
        ...(lfs ? { lfs: { oid: sha256(f.content), size: f.content.length, pointerSize: 134 } } : {}),
      });
    }
    for (const d of dirs) entries.push({ type: 'directory', oid: commitOf(d), size: 0, path: d });
    this.json(res, 200, entries);
  }

  private handleCdn(req: IncomingMessage, res: ServerResponse): void {
    this.log('cdn', req);
    const oid = /^\/blobs\/([0-9a-f]{64})/.exec(req.url ?? '')?.[1];
    const blob = oid ? this.blobs.get(oid) : undefined;
    if (!blob) return void res.writeHead(404).end('no such blob');
    const faults = this.faults.get(blob.key) ?? {};
    const attempt = req.method === 'GET' ? (this.attempts.get(blob.key) ?? 0) : (this.attempts.get(blob.key) ?? 1) - 1;
    if (req.method === 'GET') this.attempts.set(blob.key, attempt + 1);

    let content = faults.changedContent && attempt >= 1 ? faults.changedContent : blob.file.content;
    if (faults.flipByteAt !== undefined && faults.flipByteAt < content.length) {
      content = Buffer.from(content);
      content[faults.flipByteAt] = content[faults.flipByteAt]! ^ 0xff;
    }
    const etag = `"${sha256(faults.changedContent && attempt >= 1 ? faults.changedContent : blob.file.content)}"`;

    let start = 0;
    let end = content.length - 1;
    let status = 200;
    const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
    const ifRange = req.headers['if-range'];
    if (range && !faults.ignoreRange && (!ifRange || ifRange === etag)) {
      start = Number(range[1]);
      end = range[2] ? Math.min(Number(range[2]), content.length - 1) : content.length - 1;
      if (start >= content.length) {
        res.writeHead(416, { 'content-range': `bytes */${content.length}` });
        return void res.end();
      }
      status = 206;
    }
    const body = content.subarray(start, end + 1);
    const headers: Record<string, string> = { etag, 'accept-ranges': 'bytes', 'content-type': 'application/octet-stream' };
    if (status === 206) headers['content-range'] = `bytes ${start}-${end}/${content.length}`;
    if (!faults.shortBy) headers['content-length'] = String(body.length);
    res.writeHead(status, headers);
    if (req.method === 'HEAD') return void res.end();

    const short = faults.shortBy && attempt < (faults.shortAttempts ?? Infinity) ? faults.shortBy : 0;
    const sendable = body.subarray(0, Math.max(0, body.length - short));
    if (faults.stallAfterBytes !== undefined && attempt === 0) return void res.write(sendable.subarray(0, faults.stallAfterBytes));
    const dropAt = faults.dropAfterBytes?.[attempt];
    this.stream(res, dropAt === undefined ? sendable : sendable.subarray(0, dropAt), dropAt !== undefined, faults.bytesPerSecond);
  }

  private stream(res: ServerResponse, body: Buffer, drop: boolean, bytesPerSecond?: number): void {
    const finish = () => (drop ? res.socket?.destroy() : res.end());
    if (!bytesPerSecond) {
      res.write(body, () => finish());
      return;
    }
    const tickMs = 50;
    const perTick = Math.max(1, Math.floor((bytesPerSecond * tickMs) / 1000));
    let offset = 0;
    const timer = setInterval(() => {
      if (res.destroyed) return clearInterval(timer);
      const chunk = body.subarray(offset, offset + perTick);
      offset += chunk.length;
      if (offset >= body.length) {
        clearInterval(timer);
        res.write(chunk, () => finish());
      } else res.write(chunk);
    }, tickMs);
    res.on('close', () => clearInterval(timer));
  }
}
