// Vite build of the workbench page (demo/index.html → demo/dist/).
// base './' makes every URL relative, so the built site works from any
// sub-path (a project page, a folder on a static host, file servers).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  root: here('.'),
  base: './',
  // The page uses the built package, exactly what npm users get.
  resolve: { alias: { penalized: here('../dist/index.js') } },
  // Module workers (the CSV worker, the race worker and penalized's pool) use top-level await.
  worker: { format: 'es', rolldownOptions: { checks: { pluginTimings: false } } },
  build: {
    outDir: here('dist'),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 2000,
    // Quiet Rolldown's note on slow plugins (the worker-URL transform of a 2-core build is not news).
    rolldownOptions: { checks: { pluginTimings: false } },
  },
  server: { fs: { allow: [here('..')] } },
  logLevel: 'warn',
});
