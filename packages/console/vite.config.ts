import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The built console ships inside @mti/cli (its `files` lists "console"), which serves `/` and
// `/assets/*` from it: nothing may be fetched from anywhere else (CSP `default-src 'self'`).
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../cli/console', import.meta.url)),
    emptyOutDir: true,
    assetsDir: 'assets',
    // The gateway's CSP has no 'unsafe-inline': keep every script and style in a file.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    target: 'es2022',
    reportCompressedSize: true,
    // Minifying drops the licence comments of what is bundled (React, pdf.js, …); their notices
    // ship beside the page instead, in the cli package's console folder.
    license: { fileName: 'THIRD-PARTY-LICENSES.md' },
  },
});
