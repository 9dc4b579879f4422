// Shared by `npm start` (start-electron.mjs) and `npm run dist`
// (dist-electron.mjs): staging the app in a folder of its own, with its own
// production node_modules and an Electron-ABI build of better-sqlite3.
//
// Why: ./node_modules/better-sqlite3 is built for Node (ABI of the Node that
// runs the tests, the CLI and `npm run web`). Electron 45 embeds a different
// V8/Node ABI, so the desktop app needs its own build. It is made inside the
// staging folder only; the project's ./node_modules is never written to.
// See docs/desktop-build.md.
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const ELECTRON_VERSION = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).devDependencies.electron;
const REBUILD_VERSION = '4.2.1';
const isWin = process.platform === 'win32';
const npmCmd = isWin ? 'npm.cmd' : 'npm';
const SQLITE_BINARY = join('node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
export const NODE_SQLITE = join(ROOT, SQLITE_BINARY);
const MARKER = '.quarry-stage.json';

export class StepError extends Error {}

export function sha256(path) {
  return existsSync(path) ? createHash('sha256').update(readFileSync(path)).digest('hex') : null;
}

export function run(step, command, args, cwd) {
  console.log(`\n▶ ${step}: ${command} ${args.join(' ')}  (in ${relative(ROOT, cwd) || '.'})`);
  const r = spawnSync(command, args, { cwd, stdio: 'inherit', shell: isWin });
  if (r.status !== 0) throw new StepError(`${step} failed (exit ${r.status ?? r.signal}). The project's own node_modules was not changed.`);
}

/** The Electron executable if installed and runnable. Never calls require('electron'), which would start a download. */
export function electronBinary() {
  let pkgDir;
  try {
    pkgDir = dirname(createRequire(join(ROOT, 'package.json')).resolve('electron/package.json'));
  } catch {
    return null;
  }
  const pathFile = join(pkgDir, 'path.txt');
  const name = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (!name && !override) return null;
  const exe = join(override || join(pkgDir, 'dist'), name || 'electron');
  if (!existsSync(exe)) return null;
  // Run as plain Node it needs no display and answers at once.
  const probe = spawnSync(exe, ['--version'], { env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, timeout: 20_000, stdio: 'ignore' });
  return probe.status === 0 ? exe : null;
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

/** The hosts staging needs; returns a sentence naming those this machine cannot reach, or null. */
export async function unreachableHosts({ electronDownloads }) {
  const registry = (spawnSync(npmCmd, ['config', 'get', 'registry'], { encoding: 'utf8', shell: isWin }).stdout || '').trim() || 'https://registry.npmjs.org/';
  const downloads = process.env.ELECTRON_MIRROR || 'https://github.com/electron/electron/releases/download/';
  const prebuilds = 'https://github.com/WiseLibs/better-sqlite3/releases/';
  const headers = process.env.ELECTRON_REBUILD_DIST_URL || 'https://www.electronjs.org/headers/';
  const [registryOk, downloadsOk, prebuildsOk, headersOk] = await Promise.all(
    [registry, electronDownloads ? downloads : null, prebuilds, headers].map((u) => (u ? reachable(u) : true)),
  );
  const missing = [];
  if (!registryOk) missing.push(`the npm registry (${registry}) for the app's production dependencies`);
  if (!downloadsOk) missing.push(`Electron's release downloads (${downloads}) for the Electron ${ELECTRON_VERSION} binaries electron-builder packages`);
  if (!prebuildsOk && !headersOk) {
    missing.push(`better-sqlite3's prebuilt Electron binaries (${prebuilds}) or, to compile it instead, Electron's headers (${headers})`);
  }
  return missing.length ? missing.join('; nor ') : null;
}

/** Copies what the app ships into stageDir (node_modules are left in place). */
export function copyApp(stageDir, { withMaps = false, withBuilderConfig = false } = {}) {
  if (relative(join(ROOT, 'release'), stageDir).startsWith('..')) throw new StepError('refusing to stage outside release/.');
  for (const item of ['package.json', 'package-lock.json', 'build', join('fixtures', 'demo-ict-cluster'), ...(withBuilderConfig ? ['electron-builder.yml', 'build-resources'] : [])]) {
    rmSync(join(stageDir, item), { recursive: true, force: true });
    cpSync(join(ROOT, item), join(stageDir, item), { recursive: true, filter: (src) => withMaps || !src.endsWith('.map') });
  }
}

/** Whether stageDir already holds production deps for this lockfile and an Electron build of better-sqlite3. */
export function stageIsCurrent(stageDir) {
  try {
    const marker = JSON.parse(readFileSync(join(stageDir, MARKER), 'utf8'));
    return marker.lock === sha256(join(ROOT, 'package-lock.json')) && marker.electron === ELECTRON_VERSION && existsSync(join(stageDir, SQLITE_BINARY));
  } catch {
    return false;
  }
}

/** npm ci (production only, no install scripts) and better-sqlite3 rebuilt for Electron, all inside stageDir. */
export function installForElectron(stageDir) {
  // Without its own package.json and lockfile, npm would walk up and reinstall the PROJECT's node_modules.
  if (relative(join(ROOT, 'release'), stageDir).startsWith('..') || !existsSync(join(stageDir, 'package.json')) || !existsSync(join(stageDir, 'package-lock.json'))) {
    throw new StepError(`${relative(ROOT, stageDir)} is not a staged copy of the app (copyApp first); nothing was installed.`);
  }
  const before = sha256(NODE_SQLITE);
  rmSync(join(stageDir, MARKER), { force: true });
  run('production dependencies', npmCmd, ['ci', '--prefix', stageDir, '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'], stageDir);
  const rebuildArgs = ['--version', ELECTRON_VERSION, '--arch', process.arch, '--module-dir', stageDir, '--only', 'better-sqlite3', '--force'];
  const localRebuild = join(ROOT, 'node_modules', '@electron', 'rebuild', 'lib', 'cli.js');
  if (existsSync(localRebuild)) run('rebuild better-sqlite3 for Electron', process.execPath, [localRebuild, ...rebuildArgs], stageDir);
  else run('rebuild better-sqlite3 for Electron', isWin ? 'npx.cmd' : 'npx', ['--yes', `@electron/rebuild@${REBUILD_VERSION}`, ...rebuildArgs], stageDir);
  if (!existsSync(join(stageDir, SQLITE_BINARY))) throw new StepError(`the Electron build of better-sqlite3 was not produced in ${relative(ROOT, stageDir)}.`);
  if (sha256(NODE_SQLITE) !== before) {
    throw new StepError('the Node build of better-sqlite3 in ./node_modules changed, which must never happen; reinstall it with "npm ci".');
  }
  writeFileSync(join(stageDir, MARKER), JSON.stringify({ lock: sha256(join(ROOT, 'package-lock.json')), electron: ELECTRON_VERSION }));
}
