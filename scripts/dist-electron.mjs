#!/usr/bin/env node
// `npm run dist`: packages the desktop app with electron-builder.
//
// better-sqlite3 is a native module. The copy in ./node_modules is built for
// Node (the tests, the CLI and `npm run web` use it) and must never be
// replaced by an Electron build. So the app is staged in release/stage with
// its own production node_modules, better-sqlite3 is rebuilt for Electron
// THERE only, and electron-builder packages the staged folder
// (npmRebuild: false, so it rebuilds nothing itself). See docs/desktop-build.md.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const stage = join(root, 'release', 'stage');
const isWin = process.platform === 'win32';
const ELECTRON_VERSION = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).devDependencies.electron;
const REBUILD_VERSION = '4.2.1';
const nodeSqlite = join(root, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
const args = process.argv.slice(2);
const skipBuild = args.includes('--skip-build');
const builderArgs = args.filter((a) => a !== '--skip-build');

function fail(message) {
  console.error(`Quarry dist: ${message}`);
  console.error('How the desktop build works, and what it needs: docs/desktop-build.md');
  process.exit(1);
}

function run(step, command, commandArgs, cwd) {
  console.log(`\n▶ ${step}: ${command} ${commandArgs.join(' ')}  (in ${relative(root, cwd) || '.'})`);
  const r = spawnSync(command, commandArgs, { cwd, stdio: 'inherit', shell: isWin });
  if (r.status !== 0) fail(`${step} failed (exit ${r.status ?? r.signal}). Nothing in the project's own node_modules was changed.`);
}

function sha256(path) {
  return existsSync(path) ? createHash('sha256').update(readFileSync(path)).digest('hex') : null;
}

/** Any HTTP answer counts as reachable; DNS failures and timeouts do not. */
async function reachable(url) {
  try {
    await fetch(url, { method: 'HEAD', redirect: 'manual', signal: AbortSignal.timeout(10_000) });
    return true;
  } catch {
    return false;
  }
}

// 1. The network. Checked first so a machine without it fails in seconds, not after a build.
const registry = (spawnSync(isWin ? 'npm.cmd' : 'npm', ['config', 'get', 'registry'], { encoding: 'utf8', shell: isWin }).stdout || '').trim() || 'https://registry.npmjs.org/';
const electronDownloads = process.env.ELECTRON_MIRROR || 'https://github.com/electron/electron/releases/download/';
const prebuilds = 'https://github.com/WiseLibs/better-sqlite3/releases/';
const headers = process.env.ELECTRON_REBUILD_DIST_URL || 'https://www.electronjs.org/headers/';
const [registryOk, electronOk, prebuildsOk, headersOk] = await Promise.all([registry, electronDownloads, prebuilds, headers].map(reachable));
const missing = [];
if (!registryOk) missing.push(`the npm registry (${registry}) for the app's production dependencies`);
if (!electronOk) missing.push(`Electron's release downloads (${electronDownloads}) for the Electron ${ELECTRON_VERSION} binaries electron-builder packages`);
if (!prebuildsOk && !headersOk) {
  missing.push(`better-sqlite3's prebuilt Electron binaries (${prebuilds}) or, to compile it instead, Electron's headers (${headers})`);
}
if (missing.length) {
  fail(
    `the desktop build needs the network, and this machine cannot reach ${missing.join('; nor ')}. ` +
      'Nothing was built or changed. Run "npm run dist" on a machine with internet access (or set ELECTRON_MIRROR / ELECTRON_REBUILD_DIST_URL to mirrors you can reach).',
  );
}

const nodeBuildBefore = sha256(nodeSqlite);

// 2. Build the renderer and the core.
if (!skipBuild) run('build', isWin ? 'npm.cmd' : 'npm', ['run', 'build'], root);
if (!existsSync(join(root, 'build', 'electron', 'main.js')) || !existsSync(join(root, 'build', 'renderer', 'index.html'))) {
  fail('build/electron/main.js or build/renderer/index.html is missing; run "npm run build" and look at its errors.');
}

// 3. Stage the app: only what the packaged app ships.
if (relative(join(root, 'release'), stage).startsWith('..')) fail('refusing to clear a staging folder outside release/.');
rmSync(stage, { recursive: true, force: true });
mkdirSync(stage, { recursive: true });
for (const item of ['package.json', 'package-lock.json', 'electron-builder.yml', 'build', join('fixtures', 'demo-ict-cluster')]) {
  cpSync(join(root, item), join(stage, item), { recursive: true, filter: (src) => !src.endsWith('.map') });
}

// 4. Production dependencies, installed fresh from the lockfile (no install scripts: nothing is built for Node here).
run('production dependencies', isWin ? 'npm.cmd' : 'npm', ['ci', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'], stage);

// 5. better-sqlite3 for Electron's ABI, inside the stage only.
const localRebuild = join(root, 'node_modules', '@electron', 'rebuild', 'lib', 'cli.js');
const rebuildArgs = ['--version', ELECTRON_VERSION, '--arch', process.arch, '--module-dir', stage, '--only', 'better-sqlite3', '--force'];
if (existsSync(localRebuild)) run('rebuild better-sqlite3 for Electron', process.execPath, [localRebuild, ...rebuildArgs], stage);
else run('rebuild better-sqlite3 for Electron', isWin ? 'npx.cmd' : 'npx', ['--yes', `@electron/rebuild@${REBUILD_VERSION}`, ...rebuildArgs], stage);
if (!existsSync(join(stage, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'))) {
  fail('the Electron build of better-sqlite3 was not produced in release/stage.');
}
if (sha256(nodeSqlite) !== nodeBuildBefore) fail('the Node build of better-sqlite3 in ./node_modules changed — this must never happen; reinstall with "npm ci".');

// 6. Package the staged app.
const builder = join(root, 'node_modules', '.bin', isWin ? 'electron-builder.cmd' : 'electron-builder');
run('package', builder, ['--projectDir', stage, ...builderArgs], root);
console.log(`\nQuarry dist: done. Installers are in ${relative(root, join(root, 'release', 'dist'))}/; ./node_modules still holds the Node build the tests use.`);
