import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The portal dashboard, built into dist/web (served by the API server itself, src/dashboard/).
 * JSX is compiled by Vite's own transformer (automatic runtime): no React plugin is needed for a
 * production build, and the dev server is not used (the server serves the build).
 */
export default defineConfig({
  root,
  base: '/',
  logLevel: 'warn',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    assetsDir: 'assets',
    // Served under `script-src 'self'`: no inline module preload polyfill or inline script.
    modulePreload: { polyfill: false },
    sourcemap: false,
    target: 'es2022',
    reportCompressedSize: false,
    rolldownOptions: {
      // react-query marks its modules "use client" for React Server Components; a client-only bundle
      // has nothing to preserve, so the warning is noise.
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
});
