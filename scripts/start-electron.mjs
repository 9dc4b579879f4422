#!/usr/bin/env node
// `npm start`: builds Quarry and launches the desktop app — when Electron's
// binary is present and runs. npm installs only Electron's small JavaScript
// wrapper; the binary itself is fetched from GitHub on first use. Where it is
// missing we say so in one paragraph and point to the browser mode, without
// calling require('electron') (which would try that download and hang on a
// machine that cannot reach GitHub).
//
// Electron runs the app from release/dev, a staged copy with an
// Electron-ABI build of better-sqlite3 (made once per lockfile), so the Node
// build in ./node_modules that the tests use is never replaced.
import { spawn } from 'node:child_process';
import { lookup } from 'node:dns/promises';
import { join } from 'node:path';
import { ROOT, StepError, copyApp, electronBinary, installForElectron, run, stageIsCurrent, unreachableHosts } from './electron-stage.mjs';

async function canResolve(host) {
  try {
    await Promise.race([lookup(host), new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 3000))]);
    return true;
  } catch {
    return false;
  }
}

const exe = electronBinary();
if (!exe) {
  const why = (await canResolve('github.com'))
    ? 'npm installs only its wrapper and the binary is downloaded from GitHub on first run, which has not happened; "npx install-electron" fetches it'
    : 'it is downloaded on first run from GitHub, a host this machine cannot reach';
  console.error(
    `Quarry: Electron's binary is not installed on this machine (${why}), so the desktop app cannot start here. ` +
      'Run "npm run web" instead: it builds the same app and serves it to your browser on this computer (it prints the address to open).',
  );
  process.exit(1);
}

const dev = join(ROOT, 'release', 'dev');
try {
  run('build', process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build'], ROOT);
  copyApp(dev, { withMaps: true });
  if (!stageIsCurrent(dev)) {
    const missing = await unreachableHosts({ electronDownloads: false });
    if (missing) {
      throw new StepError(
        `the first desktop start prepares an Electron build of better-sqlite3 in release/dev, and this machine cannot reach ${missing}. ` +
          'Use "npm run web" meanwhile; see docs/desktop-build.md.',
      );
    }
    installForElectron(dev);
  }
} catch (err) {
  if (!(err instanceof StepError)) throw err;
  console.error(`Quarry: ${err.message}`);
  process.exit(1);
}

const env = { ...process.env };
delete env.ELECTRON_RUN_AS_NODE;
const child = spawn(exe, [dev, ...process.argv.slice(2)], { cwd: ROOT, stdio: 'inherit', env });
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
