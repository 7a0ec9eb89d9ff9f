import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { useTempDirs } from '../../../test/support/tempDir';
import { CompareOptionsSchema, SamplingSchema } from '../../shared/contract';
import { ORPCError } from '@orpc/server';
import { ApiKeyStore } from '../services/api/apiKeyStore';
import { ChatStore } from '../services/chat/chatStore';
import { CompareStore } from '../services/compare/compareStore';
import { DownloadStore, type DownloadRecord } from '../services/downloads/downloadStore';
import { ConnectionStore } from '../services/remote/connectionStore';
import { SettingsStore } from '../services/settings/settingsStore';
import { SuiteStore } from '../services/suites/suiteStore';
import { openDatabase, type Db } from './database';

const tempDir = useTempDirs();

function open(): Db {
  const dir = tempDir();
  return openDatabase({ file: join(dir, 'caliper.db'), backupsDir: join(dir, 'backups') }).db;
}

const download = (id: string): DownloadRecord => ({
  id,
  repoId: 'org/model',
  revision: 'main',
  primaryPath: 'model.gguf',
  files: [{ path: 'model.gguf', sizeBytes: 10, sha256: null, etag: null, done: false }],
  state: 'queued',
  error: null,
  destination: '/models/org/model',
  quarantinedPath: null,
  createdAt: 1,
  finishedAt: null,
});

function storageFailure(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error instanceof ORPCError ? { code: error.code, data: error.data as unknown } : error;
  }
  return 'no error';
}

describe('stores', () => {
  it('turn every failed write into STORAGE_FAILED, including the writes that were once unguarded', () => {
    const db = open();
    const chat = new ChatStore(db);
    const downloads = new DownloadStore(db);
    const connections = new ConnectionStore(db);
    const conversation = chat.insertConversation({
      kind: 'chat',
      title: 'kept',
      pinned: false,
      model: null,
      systemPrompt: '',
      sampling: SamplingSchema.parse({}),
      leafId: null,
    });
    downloads.save(download('d1'));
    const connection = connections.insert({
      name: 'vllm',
      kind: 'vllm',
      baseUrl: 'http://127.0.0.1:1',
      firstByteTimeoutSeconds: 60,
      idleTimeoutSeconds: 60,
    });
    db.pragma('query_only = 1');

    const readOnly = { code: 'STORAGE_FAILED', data: { reason: 'READ_ONLY' } };
    expect(storageFailure(() => downloads.delete('d1'))).toEqual(readOnly);
    expect(storageFailure(() => chat.recoverInterrupted())).toEqual(readOnly);
    expect(storageFailure(() => chat.updateConversation(conversation.id, { title: 'lost' }))).toEqual(readOnly);
    expect(storageFailure(() => connections.remove(connection.id))).toEqual(readOnly);
    expect(storageFailure(() => new ApiKeyStore(db).create('script'))).toEqual(readOnly);
    expect(storageFailure(() => new SettingsStore(db).put({ theme: 'dark' }))).toEqual(readOnly);
    expect(storageFailure(() => new SuiteStore(db).saveSuite({ name: 's', prompts: ['a'] }))).toEqual(readOnly);

    db.pragma('query_only = 0');
    expect(downloads.all().map((d) => d.id)).toEqual(['d1']);
    expect(chat.conversation(conversation.id)?.title).toBe('kept');
    expect(connections.get(connection.id)?.name).toBe('vllm');
  });

  it('roll a write of several rows back whole', () => {
    const db = open();
    const compare = new CompareStore(db);
    const chat = new ChatStore(db);
    const pane = chat.insertConversation({
      kind: 'compare',
      title: '',
      pinned: false,
      model: null,
      systemPrompt: '',
      sampling: SamplingSchema.parse({}),
      leafId: null,
    });
    // The second pane names a conversation that does not exist: the foreign key fails mid-way.
    expect(() =>
      compare.insert({ title: 'pair', options: CompareOptionsSchema.parse({}), revealed: false }, [
        { position: 0, conversationId: pane.id, load: {} },
        { position: 1, conversationId: 'missing', load: {} },
      ]),
    ).toThrow();
    expect(compare.list()).toEqual([]);
  });

  it('read a JSON column that no longer parses as its default or as absent, never as a crash', () => {
    const db = open();
    const chat = new ChatStore(db);
    const c = chat.insertConversation({
      kind: 'chat',
      title: 'old row',
      pinned: false,
      model: { kind: 'local', path: '/models/a.gguf' },
      systemPrompt: '',
      sampling: SamplingSchema.parse({ temperature: 0.2 }),
      leafId: null,
    });
    const m = chat.insertMessage({ conversationId: c.id, parentId: null, role: 'assistant', content: 'hi', status: 'complete' });
    db.prepare('UPDATE conversations SET sampling = \'{not json\', model_ref = \'{"kind":"gone"}\' WHERE id = ?').run(c.id);
    db.prepare('UPDATE messages SET stats = \'{"tokens":"many"}\', error = \'null\' WHERE id = ?').run(m.id);

    const read = chat.conversation(c.id)!;
    expect(read.title).toBe('old row');
    expect(read.model).toBeNull();
    expect(read.sampling.temperature).toBeTypeOf('number');
    expect(chat.message(m.id)).toMatchObject({ content: 'hi', stats: null, error: null });

    const downloads = new DownloadStore(db);
    downloads.save(download('good'));
    downloads.save(download('bad'));
    db.prepare("UPDATE downloads SET files = '[{\"path\":1}]' WHERE id = 'bad'").run();
    expect(downloads.all().map((d) => d.id)).toEqual(['good']);
  });

  it('prepare each statement once, however often it runs', () => {
    const db = open();
    const settings = new SettingsStore(db);
    const prepare = vi.spyOn(db, 'prepare');
    for (let i = 0; i < 20; i++) {
      settings.put({ theme: i % 2 ? 'dark' : 'light' });
      settings.entries();
    }
    expect(prepare).toHaveBeenCalledTimes(2);
    expect(settings.entries()).toEqual({ theme: 'dark' });
  });
});
