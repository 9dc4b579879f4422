#!/usr/bin/env node
// `npm run dist`: packages the desktop app with electron-builder.
//
// The app is staged in release/stage with its own production node_modules;
// better-sqlite3 is rebuilt for Electron THERE only, and electron-builder
// packages the staged folder (npmRebuild: false, so it rebuilds nothing
// itself). ./node_modules keeps the Node build the tests use. See
// docs/desktop-build.md and scripts/electron-stage.mjs.
import { existsSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { crossBuildRefusal } from './dist-targets.mjs';
import { ROOT, StepError, copyApp, installForElectron, run, unreachableHosts } from './electron-stage.mjs';

const stage = join(ROOT, 'release', 'stage');
const isWin = process.platform === 'win32';
const args = process.argv.slice(2);
const skipBuild = args.includes('--skip-build');
const builderArgs = args.filter((a) => a !== '--skip-build');

function fail(message) {
  console.error(`Quarry dist: ${message}`);
  console.error('How the desktop build works, and what it needs: docs/desktop-build.md');
  process.exit(1);
}

try {
  // 0. Only this OS's package can be built here (the native module is compiled for it).
  const crossBuild = crossBuildRefusal(builderArgs);
  if (crossBuild) fail(crossBuild);
  // 1. The network, checked first so a machine without it fails in seconds, not after a build.
  const missing = await unreachableHosts({ electronDownloads: true });
  if (missing) {
    fail(
      `the desktop build needs the network, and this machine cannot reach ${missing}. Nothing was built or changed. ` +
        'Run "npm run dist" on a machine with internet access (or set ELECTRON_MIRROR / ELECTRON_REBUILD_DIST_URL to mirrors you can reach).',
    );
  }
  // 2. Build the core, the shell and the renderer.
  if (!skipBuild) run('build', isWin ? 'npm.cmd' : 'npm', ['run', 'build'], ROOT);
  if (!existsSync(join(ROOT, 'build', 'electron', 'main.js')) || !existsSync(join(ROOT, 'build', 'renderer', 'index.html'))) {
    fail('build/electron/main.js or build/renderer/index.html is missing; run "npm run build" and look at its errors.');
  }
  // 3. Stage a clean copy and install it for Electron.
  rmSync(stage, { recursive: true, force: true });
  copyApp(stage, { withBuilderConfig: true });
  installForElectron(stage);
  // 4. Package the staged app.
  run('package', join(ROOT, 'node_modules', '.bin', isWin ? 'electron-builder.cmd' : 'electron-builder'), ['--projectDir', stage, ...builderArgs], ROOT);
  console.log(`\nQuarry dist: done. Installers are in ${relative(ROOT, join(ROOT, 'release', 'dist'))}/; ./node_modules still holds the Node build the tests use.`);
} catch (err) {
  if (err instanceof StepError) fail(err.message);
  throw err;
}
