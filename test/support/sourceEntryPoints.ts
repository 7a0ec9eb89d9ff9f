import { fileURLToPath } from 'node:url';
import type { EntryPoints } from '../../src/main/base/entryPoints';

const src = (p: string) => fileURLToPath(new URL(`../../src/main/${p}`, import.meta.url));
const bootstrap = fileURLToPath(new URL('./tsx-worker-boot.mjs', import.meta.url));

/** The same entries the built app starts, as TypeScript source (tests run without a build). */
export const sourceEntryPoints: EntryPoints = {
  ggufWorker: { file: src('services/library/worker/ggufHeader.worker.ts'), bootstrap },
  engineHost: { file: src('engineProcess/host/engineHost.ts'), bootstrap },
  fileHashWorker: { file: src('services/library/worker/fileHash.worker.ts'), bootstrap },
  quantizeHost: { file: src('engineProcess/host/quantize/quantizeHost.ts'), bootstrap },
};
