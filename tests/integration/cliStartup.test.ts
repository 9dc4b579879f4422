/**
 * Issue 15: `quarry info` starts fast because it loads little. This checks what
 * it loads — the list of modules, recorded by a loader hook — not how long it
 * takes (timings live in `npm run bench`, "cli start-up"): the heavy libraries
 * (Word writer, Excel, REFI-QDA XML, .docx and PDF readers) never load, and the
 * installed command runs the bundle (a few files, not hundreds of modules).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ProjectDb } from '../../shared/db/projectDb.js';
import { tempDir } from '../unit/db/testProject.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const HEAVY = ['docx', 'fast-xml-parser', 'read-excel-file', 'write-excel-file', 'mammoth', 'pdfjs-dist'];

/** Runs node with a hook that writes every module URL it loads to a file; returns those URLs. */
function modulesLoaded(script: string, args: string[]): string[] {
  const dir = tempDir('quarry-cli-modules-');
  const list = join(dir, 'modules.txt');
  const hooks = join(dir, 'hooks.mjs');
  writeFileSync(
    hooks,
    `import { appendFileSync } from 'node:fs';\nexport async function load(url, context, next) { appendFileSync(${JSON.stringify(list)}, url + '\\n'); return next(url, context); }\n`,
  );
  const register = join(dir, 'register.mjs');
  writeFileSync(register, `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`);
  const r = spawnSync(process.execPath, ['--import', pathToFileURL(register).href, script, ...args], { encoding: 'utf8', cwd: dir });
  expect(r.status, r.stderr).toBe(0);
  expect(JSON.parse(r.stdout)).toMatchObject({ sources: 0, codes: 0 });
  return readFileSync(list, 'utf8').trim().split('\n');
}

function emptyProject(): string {
  const path = join(tempDir('quarry-cli-startup-'), 'empty.quarry');
  ProjectDb.create(path).close();
  return path;
}

const heavyIn = (urls: string[]) => urls.filter((u) => HEAVY.some((h) => u.includes(`/node_modules/${h}/`)));

describe('quarry info loads only what it uses', () => {
  it('the compiled CLI (build/cli) loads none of the heavy libraries', () => {
    const bin = join(ROOT, 'build', 'cli', 'bin.js');
    expect(existsSync(bin), 'run npm run build first').toBe(true);
    const urls = modulesLoaded(bin, ['info', emptyProject(), '--json']);
    expect(heavyIn(urls)).toEqual([]);
    // …nor the core's modules that use them: exports, REFI-QDA exchange, Excel sheets.
    expect(urls.filter((u) => /\/(runExport|refiService|classificationService|classificationXlsx)\.js$/.test(u))).toEqual([]);
  });

  it('the installed command runs the bundle: a few of its files, and none of the heavy libraries', () => {
    const bundle = join(ROOT, 'build', 'cli-bundle', 'quarry.mjs');
    expect(existsSync(bundle), 'run npm run build first').toBe(true);
    const urls = modulesLoaded(join(ROOT, 'bin', 'quarry.mjs'), ['info', emptyProject(), '--json']);
    expect(heavyIn(urls)).toEqual([]);
    const ours = urls.filter((u) => u.includes('/build/'));
    expect(ours.every((u) => u.includes('/build/cli-bundle/')), ours.join('\n')).toBe(true);
    // Unbundled, the same run reads hundreds of files (the core's modules and zod's); bundled, a fraction.
    const files = (list: string[]) => list.filter((u) => u.startsWith('file:')).length;
    const unbundled = modulesLoaded(join(ROOT, 'build', 'cli', 'bin.js'), ['info', emptyProject(), '--json']);
    expect(files(urls) * 3).toBeLessThan(files(unbundled));
  });
});
