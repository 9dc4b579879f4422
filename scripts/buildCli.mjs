#!/usr/bin/env node
// Bundles the compiled CLI (build/cli/bin.js, from `tsc -p tsconfig.build.json`)
// into build/cli-bundle/: `quarry` starts by reading one file instead of
// hundreds of ES modules (issue 15: `quarry info` within 3× a bare `node -e 0`).
// What only some commands need (the Word writer, the Excel and REFI-QDA
// libraries, the importers) is split into chunks loaded when used. Run by
// `npm run build`, `npm install` (prepare) and `npm test`; bin/quarry.mjs uses
// the bundle when it is at least as new as the compiled CLI.
import { existsSync, rmSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { build } from 'rolldown';

export const BUNDLE_DIR = 'build/cli-bundle';

// Native or loaded from their own package folder at run time (pdfjs reads its fonts and
// character maps beside itself; better-sqlite3 is a native addon): never bundled.
const EXTERNAL = [/^better-sqlite3(\/|$)/, /^pdfjs-dist(\/|$)/, /^mammoth(\/|$)/];

// The foreign-file reader and the REFI-QDA worker run as their own processes, and the
// merge writer as a thread, from the compiled core; the bundle names them (see
// shared/foreign/foreignReaderEntry.ts, shared/refi/refiWorkerEntry.ts and
// shared/services/mergeOffThread.ts) unless the caller already did.
const BANNER = `import { fileURLToPath as __quarryPath } from 'node:url';
if (!process.env.QUARRY_FOREIGN_READER) process.env.QUARRY_FOREIGN_READER = __quarryPath(new URL('../shared/foreign/foreignReaderChild.js', import.meta.url));
if (!process.env.QUARRY_REFI_WORKER) process.env.QUARRY_REFI_WORKER = __quarryPath(new URL('../shared/refi/refiWorkerChild.js', import.meta.url));
if (!process.env.QUARRY_MERGE_WRITER) process.env.QUARRY_MERGE_WRITER = __quarryPath(new URL('../shared/services/mergeWriterThread.js', import.meta.url));`;

export async function buildCliBundle(root = '.') {
  const entry = `${root}/build/cli/bin.js`;
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run "npm run build:core" first.`);
  rmSync(`${root}/${BUNDLE_DIR}`, { recursive: true, force: true });
  await build({
    input: entry,
    platform: 'node',
    external: EXTERNAL,
    logLevel: 'warn',
    // Each handler module is loaded on its own by the dispatcher (handlerLoaders.ts) and also
    // imported by the handlers' index, the fallback for a domain not listed there: expected.
    checks: { ineffectiveDynamicImport: false },
    output: {
      dir: `${root}/${BUNDLE_DIR}`,
      format: 'esm',
      entryFileNames: 'quarry.mjs',
      chunkFileNames: '[name]-[hash].mjs',
      banner: (chunk) => (chunk.isEntry ? BANNER : ''),
      minify: process.env.QUARRY_CLI_MINIFY !== '0',
      sourcemap: process.env.QUARRY_SOURCEMAP === '1',
    },
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await buildCliBundle();
}
