import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer is built to build/renderer and loaded by Electron from disk
// (relative base) or served by the browser-mode server.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../build/renderer',
    emptyOutDir: true,
    // No source maps in what users get (issue 19); set QUARRY_SOURCEMAP=1 to debug a build.
    sourcemap: process.env.QUARRY_SOURCEMAP === '1',
    target: 'es2022',
    chunkSizeWarningLimit: 2000,
  },
});
