#!/usr/bin/env node
// `npm start`: builds Quarry and launches the desktop app — when Electron's
// binary is present and runs. npm installs only Electron's small JavaScript
// wrapper; the binary itself is fetched from GitHub on first use. Where it is
// missing we say so in one paragraph and point to the browser mode, without
// calling require('electron') (which would try that download and hang on a
// machine that cannot reach GitHub).
import { existsSync, readFileSync } from 'node:fs';
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { lookup } from 'node:dns/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));

/** The Electron executable, if installed and runnable; never downloads anything. */
function electronBinary() {
  let pkgDir;
  try {
    pkgDir = dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
  const pathFile = join(pkgDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH || join(pkgDir, 'dist');
  if (!relative && !process.env.ELECTRON_OVERRIDE_DIST_PATH) return null;
  const exe = join(distDir, relative || 'electron');
  if (!existsSync(exe)) return null;
  // Does it run? As Node it needs no display and answers at once.
  const probe = spawnSync(exe, ['--version'], { env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, timeout: 20_000, stdio: 'ignore' });
  return probe.status === 0 ? exe : null;
}

async function canReach(host) {
  try {
    await Promise.race([lookup(host), new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 3000))]);
    return true;
  } catch {
    return false;
  }
}

const exe = electronBinary();
if (!exe) {
  const reachable = await canReach('github.com');
  const why = reachable
    ? 'it is downloaded from GitHub on first run, and that download has not happened; run "npx install-electron" to fetch it, then "npm start" again'
    : 'it is downloaded on first run from GitHub, a host this machine cannot reach';
  console.error(
    `Quarry: Electron's binary is not installed on this machine (${why}), so the desktop app cannot start here. ` +
      'Run "npm run web" instead: it builds the same app and serves it to your browser on this computer (it prints the address to open).',
  );
  process.exit(1);
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const build = spawnSync(npm, ['run', 'build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
if (build.status !== 0) {
  console.error('Quarry: the build failed (see above), so the desktop app was not started.');
  process.exit(build.status ?? 1);
}

const env = { ...process.env };
delete env.ELECTRON_RUN_AS_NODE;
const child = spawn(exe, [root, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit', env });
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
