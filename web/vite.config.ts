// Vite build of the web app: root web/, output web/dist (served by the Fastify app).
// Everything — DKFDS CSS, fonts, icons — is bundled as files; nothing is loaded from the
// internet, and nothing is inlined as <script>/<style> (the server's CSP forbids both).
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
// dkfds' package.json exports only its JS, so its CSS, fonts and icons are reached by path.
const dkfds = fileURLToPath(new URL('../node_modules/dkfds/dist', import.meta.url));

export default defineConfig({
  root,
  plugins: [react()],
  resolve: { alias: { '@dkfds': dkfds } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The DKFDS icon sprite is referenced by <use href="…#id">, which needs a real file
    // (a data: URL in <use> is not allowed); small CSS icons may be inlined as data: (CSP img-src allows it).
    assetsInlineLimit: (file) => (file.endsWith('all-svg-icons.svg') ? false : undefined),
    chunkSizeWarningLimit: 1200,
  },
  server: {
    port: 5173,
    strictPort: true,
    proxy: { '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false } },
  },
  preview: { port: 4173 },
});
