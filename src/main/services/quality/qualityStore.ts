import { QualityResultSchema, type QualityResult } from '../../../shared/contract';
import { readJson, Repository } from '../../storage/repository';

/** Quality measurements (table `quality_results`), newest first; rows that no longer parse are skipped. */
export class QualityStore extends Repository {
  save(r: QualityResult): void {
    this.write(() =>
      this.sql('INSERT INTO quality_results (id, path, reference_path, result, measured_at) VALUES (?, ?, ?, ?, ?)').run(
        r.id,
        r.path,
        r.referencePath,
        JSON.stringify(r),
        r.measuredAt,
      ),
    );
  }

  forPath(path: string): QualityResult[] {
    return this.pluck<[string], string>('SELECT result FROM quality_results WHERE path = ? ORDER BY measured_at DESC')
      .all(path)
      .flatMap((text) => readJson(QualityResultSchema, text) ?? []);
  }
}
