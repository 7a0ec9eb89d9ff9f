import { join } from 'node:path';
import type { CatalogFamily } from '../../../shared/contract';
import { loadCatalog } from './loadCatalog';

/** The curated model families shipped in `resources/catalog`, read and validated once. */
export class CatalogService {
  private loaded: Promise<CatalogFamily[]> | null = null;

  constructor(private readonly resourcesDir: string) {}

  get catalogDir(): string {
    return join(this.resourcesDir, 'catalog');
  }

  list(): Promise<CatalogFamily[]> {
    if (!this.loaded) {
      this.loaded = loadCatalog(this.catalogDir).catch((error: unknown) => {
        // Logged for whoever packaged the app; the caller gets INTERNAL_SERVER_ERROR. Not cached,
        // so a fixed folder is picked up on the next call.
        console.error(error);
        this.loaded = null;
        throw error;
      });
    }
    return this.loaded;
  }
}
