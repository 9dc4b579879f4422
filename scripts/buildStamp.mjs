// What the build was made from: one hash over every input of `npm run build`
// (core and renderer sources, configs, the lockfile). `npm run web` compares it
// with the sources on disk and rebuilds only when they differ, so a second
// start serves the existing build in a second or two instead of rebuilding.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const INPUT_DIRS = ['shared', 'renderer', 'server', 'cli', 'electron', 'bench', 'fuzz'];
const INPUT_FILES = ['package.json', 'package-lock.json', 'tsconfig.base.json', 'tsconfig.build.json', 'vite.config.ts'];
export const STAMP_FILE = join('build', '.build-stamp.json');

export function sourceHash(root = '.') {
  const files = [];
  for (const dir of INPUT_DIRS) {
    const abs = join(root, dir);
    if (!existsSync(abs)) continue;
    for (const name of readdirSync(abs, { recursive: true })) {
      const file = join(abs, String(name));
      if (statSync(file).isFile()) files.push(file);
    }
  }
  for (const f of INPUT_FILES) if (existsSync(join(root, f))) files.push(join(root, f));
  files.sort();
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(relative(root, file).split('\\').join('/'));
    hash.update('\0');
    hash.update(readFileSync(file));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** True when build/ holds a complete build of exactly the sources on disk. */
export function buildIsFresh(root = '.') {
  const stamp = join(root, STAMP_FILE);
  if (!existsSync(stamp) || !existsSync(join(root, 'build', 'renderer', 'index.html')) || !existsSync(join(root, 'build', 'server', 'main.js'))) return false;
  try {
    return JSON.parse(readFileSync(stamp, 'utf8')).sources === sourceHash(root);
  } catch {
    return false;
  }
}

export function writeStamp(root = '.') {
  writeFileSync(join(root, STAMP_FILE), JSON.stringify({ sources: sourceHash(root), builtAt: new Date().toISOString() }) + '\n');
}

// `node scripts/buildStamp.mjs write` (the last step of npm run build).
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url) && process.argv[2] === 'write') writeStamp();
