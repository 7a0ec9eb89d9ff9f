import { z } from 'zod';
import { DownloadErrorCodeSchema, DownloadStateSchema, type DownloadState } from '../../../shared/contract';
import { readJson, Repository, writeJson } from '../../storage/repository';

export const StoredFileSchema = z.object({
  path: z.string(),
  sizeBytes: z.number(),
  sha256: z.string().nullable(),
  /** The validator the server sent, for If-Range on resume (after a restart too). */
  etag: z.string().nullable(),
  done: z.boolean(),
});
export type StoredFile = z.infer<typeof StoredFileSchema>;

const StoredErrorSchema = z.object({ code: DownloadErrorCodeSchema, detail: z.string() });

export interface DownloadRecord {
  id: string;
  repoId: string;
  revision: string;
  primaryPath: string;
  files: StoredFile[];
  state: DownloadState;
  error: z.infer<typeof StoredErrorSchema> | null;
  destination: string;
  quarantinedPath: string | null;
  createdAt: number;
  finishedAt: number | null;
}

interface Row {
  id: string;
  repo_id: string;
  revision: string;
  primary_path: string;
  files: string;
  state: string;
  error: string | null;
  destination: string;
  quarantined_path: string | null;
  created_at: number;
  finished_at: number | null;
}

/** The download queue in SQLite, so it survives a restart. Rows that no longer parse are skipped. */
export class DownloadStore extends Repository {
  all(): DownloadRecord[] {
    const rows = this.sql<[], Row>('SELECT * FROM downloads ORDER BY created_at').all();
    return rows.flatMap((row) => {
      const files = readJson(z.array(StoredFileSchema), row.files);
      const state = DownloadStateSchema.safeParse(row.state);
      if (!files || !state.success) return [];
      return [
        {
          id: row.id,
          repoId: row.repo_id,
          revision: row.revision,
          primaryPath: row.primary_path,
          files,
          state: state.data,
          error: readJson(StoredErrorSchema, row.error),
          destination: row.destination,
          quarantinedPath: row.quarantined_path,
          createdAt: row.created_at,
          finishedAt: row.finished_at,
        },
      ];
    });
  }

  save(d: DownloadRecord): void {
    this.write(() =>
      this.sql(
        `INSERT INTO downloads (id, repo_id, revision, primary_path, files, state, error, destination, quarantined_path, created_at, finished_at)
         VALUES (@id, @repoId, @revision, @primaryPath, @files, @state, @error, @destination, @quarantinedPath, @createdAt, @finishedAt)
         ON CONFLICT(id) DO UPDATE SET files = excluded.files, state = excluded.state, error = excluded.error,
           quarantined_path = excluded.quarantined_path, finished_at = excluded.finished_at`,
      ).run({ ...d, files: JSON.stringify(d.files), error: writeJson(d.error) }),
    );
  }

  delete(id: string): void {
    this.write(() => this.sql('DELETE FROM downloads WHERE id = ?').run(id));
  }
}
