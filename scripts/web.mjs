#!/usr/bin/env node
// `npm run web`: start browser mode on the existing build, rebuilding first only
// when the sources changed since it was made (see buildStamp.mjs).
import { spawn, spawnSync } from 'node:child_process';
import { buildIsFresh, writeStamp } from './buildStamp.mjs';

const args = process.argv.slice(2);

if (!buildIsFresh()) {
  console.log('Quarry: building the app (the sources changed since the last build)…');
  const r = spawnSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error('Quarry: the build failed; see the messages above.');
    process.exit(1);
  }
  writeStamp();
}

const server = spawn(process.execPath, ['build/server/main.js', ...args], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
