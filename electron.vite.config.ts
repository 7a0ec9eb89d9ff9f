import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';
import { injectCspMeta } from './scripts/lib/cspMeta';
import { contentSecurityPolicy } from './src/main/server/staticFiles';

const root = import.meta.dirname;

export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        // Every file that starts a process or thread is its own entry, so it can be found beside
        // the main bundle at run time (src/main/base/entryPoints.ts).
        input: {
          index: resolve(root, 'src/main/index.ts'),
          headless: resolve(root, 'src/main/headless.ts'),
          engineHost: resolve(root, 'src/main/engine/host/engineHost.ts'),
          'ggufHeader.worker': resolve(root, 'src/main/services/library/worker/ggufHeader.worker.ts'),
          'fileHash.worker': resolve(root, 'src/main/services/library/worker/fileHash.worker.ts'),
          quantizeHost: resolve(root, 'src/main/engine/host/quantize/quantizeHost.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      rollupOptions: {
        input: { index: resolve(root, 'src/preload/index.ts') },
        // A sandboxed preload cannot be an ES module.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'src/renderer'),
    resolve: {
      // One TanStack Query core: @orpc/tanstack-query's peer resolved to a newer copy than the one
      // @tanstack/react-query pins, and two cores mean two QueryClient classes. tsconfig.web.json
      // maps the types the same way; drop both once the lockfile has a single copy.
      alias: [
        {
          find: /^@tanstack\/query-core$/,
          replacement: resolve(root, 'node_modules/@tanstack/react-query/node_modules/@tanstack/query-core'),
        },
      ],
    },
    // The CSP travels in the page too (headers: the headless host and the app:// protocol).
    plugins: [react(), { name: 'caliper-csp-meta', transformIndexHtml: (html: string) => injectCspMeta(html, contentSecurityPolicy()) }],
    build: {
      rollupOptions: { input: resolve(root, 'src/renderer/index.html') },
    },
  },
});
