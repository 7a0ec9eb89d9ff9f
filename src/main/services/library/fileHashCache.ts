import { Repository } from '../../storage/repository';

const SHA256_HEX = /^[0-9a-f]{64}$/;

/**
 * SHA-256 of whole files, keyed by path and trusted only while size and mtime are unchanged.
 * The download code puts the hash it just verified (`put`), so a fresh download is never read
 * again just to be hashed.
 */
export class FileHashCache extends Repository {
  /** The hash of this exact file version, or null when it is unknown or the file changed since. */
  get(path: string, size: number, mtimeMs: number): string | null {
    const row = this.sql<[string], { size: number; mtime_ms: number; sha256: string }>(
      'SELECT size, mtime_ms, sha256 FROM file_hashes WHERE path = ?',
    ).get(path);
    if (!row || row.size !== size || row.mtime_ms !== Math.trunc(mtimeMs)) return null;
    return row.sha256;
  }

  /** Records a hash (lower-case hex) for a file version. A write that fails only costs a re-hash. */
  put(path: string, size: number, mtimeMs: number, sha256: string): void {
    const hex = sha256.toLowerCase();
    if (!SHA256_HEX.test(hex)) throw new Error(`not a SHA-256 hex digest: ${sha256.slice(0, 80)}`);
    try {
      this.sql(
        `INSERT INTO file_hashes (path, size, mtime_ms, sha256, hashed_at) VALUES (@path, @size, @mtime, @sha256, @hashedAt)
         ON CONFLICT(path) DO UPDATE SET size = excluded.size, mtime_ms = excluded.mtime_ms, sha256 = excluded.sha256, hashed_at = excluded.hashed_at`,
      ).run({ path, size, mtime: Math.trunc(mtimeMs), sha256: hex, hashedAt: Date.now() });
    } catch {
      // Full or read-only disk: the file is hashed again next time.
    }
  }

  forget(path: string): void {
    this.write(() => this.sql('DELETE FROM file_hashes WHERE path = ?').run(path));
  }

  /** Paths last seen with this content (they may have changed since; check size and mtime). */
  pathsWith(sha256: string): string[] {
    return this.pluck<[string], string>('SELECT path FROM file_hashes WHERE sha256 = ? ORDER BY path').all(sha256.toLowerCase());
  }
}
