import { QualityResultSchema, type QualityResult } from '../../../shared/contract';
import type { Db } from '../../storage/database';
import { storageError } from '../../storage/storageError';

/** Quality measurements (table `quality_results`), newest first; rows that no longer parse are skipped. */
export class QualityStore {
  constructor(private readonly db: Db) {}

  save(r: QualityResult): void {
    try {
      this.db
        .prepare('INSERT INTO quality_results (id, path, reference_path, result, measured_at) VALUES (?, ?, ?, ?, ?)')
        .run(r.id, r.path, r.referencePath, JSON.stringify(r), r.measuredAt);
    } catch (error) {
      throw storageError(error);
    }
  }

  forPath(path: string): QualityResult[] {
    const rows = this.db
      .prepare('SELECT result FROM quality_results WHERE path = ? ORDER BY measured_at DESC')
      .all(path) as Array<{ result: string }>;
    return rows.flatMap((row) => {
      const parsed = QualityResultSchema.safeParse(JSON.parse(row.result));
      return parsed.success ? [parsed.data] : [];
    });
  }
}
