#!/usr/bin/env node
// The installed `quarry` command: runs the compiled CLI (npm install builds it).
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const entry = fileURLToPath(new URL('../build/cli/bin.js', import.meta.url));
if (!existsSync(entry)) {
  process.stderr.write('quarry: the CLI is not built yet. Run "npm run build:core" in the Quarry folder.\n');
  process.exit(1);
}
await import(pathToFileURL(entry).href);
