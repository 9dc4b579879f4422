#!/usr/bin/env node
// The installed `quarry` command. It runs the bundled CLI (build/cli-bundle, made by
// `npm run build` and `npm install`: one file to read, so it starts fast), unless the
// compiled CLI (build/cli, `npm run build:core`) is newer — then the bundle is stale
// and the compiled CLI runs, as it did before there was a bundle.
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const at = (rel) => fileURLToPath(new URL(rel, import.meta.url));
const bundle = at('../build/cli-bundle/quarry.mjs');
const compiled = at('../build/cli/bin.js');
const mtime = (path) => (existsSync(path) ? statSync(path).mtimeMs : -1);
const bundleTime = mtime(bundle);
const entry = bundleTime >= 0 && bundleTime >= mtime(at('../build/cli/main.js')) ? bundle : compiled;
if (!existsSync(entry)) {
  process.stderr.write('quarry: the CLI is not built yet. Run "npm run build" in the Quarry folder.\n');
  process.exit(1);
}
await import(pathToFileURL(entry).href);
