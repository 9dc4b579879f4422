#!/usr/bin/env node
// Runs after `npm install` / `npm ci`: builds the core so the `quarry` command
// (package.json "bin") works straight away, and the user interface so the first
// `npm run web` starts without building. Skipped where the dev tools are not
// installed (a production install).
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { writeStamp } from './buildStamp.mjs';

if (!existsSync('node_modules/typescript') || !existsSync('tsconfig.build.json')) process.exit(0);
const r = spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
if (r.status !== 0) {
  console.warn('Quarry: the core build reported errors (run "npm run build:core" to see them).');
  process.exit(0);
}
const cli = spawnSync(process.execPath, ['scripts/buildCli.mjs'], { stdio: 'inherit' });
if (cli.status !== 0) console.warn('Quarry: the CLI bundle could not be built (run "npm run build:cli" to see why); quarry runs the compiled CLI instead.');
const ui = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
if (ui.status !== 0) console.warn('Quarry: the user interface build reported errors (run "npm run build" to see them).');
else writeStamp();
