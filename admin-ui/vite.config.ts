import path from 'path';
import react from '@vitejs/plugin-react-swc';
import { defineConfig } from 'vite';

// The console is served by Strapi at /console (from public/console); `npm run console:dev`
// serves it with hot reload and proxies the API to a running Strapi.
const strapi = process.env.STRAPI_URL ?? 'http://localhost:1337';

export default defineConfig({
  root: __dirname,
  base: '/console/',
  plugins: [react()],
  build: {
    outDir: path.resolve(__dirname, '..', 'public', 'console'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      // Two pages: the console, and the public form page (/f/<slug>) that phones open from a
      // QR code — it loads React and the form code only.
      input: {
        console: path.resolve(__dirname, 'index.html'),
        form: path.resolve(__dirname, 'form.html'),
      },
      output: {
        // Libraries in one chunk: react-admin's modules import each other in cycles, which
        // Rollup cannot split safely. React itself is a leaf, in its own chunk, for the form
        // page. Screens stay in their own lazily loaded chunks.
        manualChunks: (id) => {
          if (/node_modules\/(react|react-dom|scheduler)\//.test(id)) return 'react';
          // ECharts and its renderer, zrender, serve only the dashboard's charts: a chunk of their
          // own, loaded with them and never with the login page (about 180 KB gzipped).
          if (/node_modules\/(echarts|zrender)\//.test(id)) return 'echarts';
          // zod (the shared domain rules some screens check with) and papaparse (CSV exports)
          // serve screens after sign-in: chunks of their own, not the login page's vendor chunk.
          if (/node_modules\/zod\//.test(id)) return 'zod';
          if (/node_modules\/papaparse\//.test(id)) return 'papaparse';
          return id.includes('node_modules') ? 'vendor' : undefined;
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/graphql': strapi, '/api': strapi },
  },
});
