import { z } from 'zod';
import { LineageSchema, type Lineage } from '../../../shared/contract';
import { readJson, Repository } from '../../storage/repository';

interface Row {
  path: string;
  sha256: string | null;
  source_path: string;
  source_sha256: string;
  source_file_type: string;
  type: string;
  options: string;
  duration_ms: number;
  size_bytes: number;
  created_at: number;
}

/** Where each produced file came from (table `lineage`); a row that no longer parses is ignored. */
export class LineageStore extends Repository {
  save(l: Lineage): void {
    this.write(() =>
      this.sql(
        `INSERT INTO lineage (path, sha256, source_path, source_sha256, source_file_type, type, options, duration_ms, size_bytes, created_at)
           VALUES (@path, @sha256, @sourcePath, @sourceSha256, @sourceFileType, @type, @options, @durationMs, @sizeBytes, @createdAt)
           ON CONFLICT(path) DO UPDATE SET sha256 = excluded.sha256, source_path = excluded.source_path,
             source_sha256 = excluded.source_sha256, source_file_type = excluded.source_file_type, type = excluded.type,
             options = excluded.options, duration_ms = excluded.duration_ms, size_bytes = excluded.size_bytes,
             created_at = excluded.created_at`,
      ).run({ ...l, options: JSON.stringify(l.options) }),
    );
  }

  get(path: string): Lineage | null {
    const row = this.sql<[string], Row>('SELECT * FROM lineage WHERE path = ?').get(path);
    return row ? parse(row) : null;
  }

  /** Every file made from this source content. */
  fromSource(sourceSha256: string): Lineage[] {
    const rows = this.sql<[string], Row>('SELECT * FROM lineage WHERE source_sha256 = ? ORDER BY size_bytes DESC').all(sourceSha256);
    return rows.flatMap((r) => parse(r) ?? []);
  }
}

function parse(row: Row): Lineage | null {
  const parsed = LineageSchema.safeParse({
    path: row.path,
    sha256: row.sha256,
    sourcePath: row.source_path,
    sourceSha256: row.source_sha256,
    sourceFileType: row.source_file_type,
    type: row.type,
    options: readJson(z.unknown(), row.options),
    durationMs: row.duration_ms,
    sizeBytes: row.size_bytes,
    createdAt: row.created_at,
  });
  return parsed.success ? parsed.data : null;
}
