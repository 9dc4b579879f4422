/**
 * `npm start` and `npm run dist` on a machine without Electron's binary or
 * the hosts it comes from: both must stop at once with one clear message.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..', '..', '..');
const nodeSqlite = join(root, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
const hash = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');

function runScript(script: string, env: Record<string, string> = {}) {
  const started = Date.now();
  const r = spawnSync(process.execPath, [join(root, 'scripts', script)], {
    cwd: root,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { ...r, ms: Date.now() - started };
}

describe('scripts/start-electron.mjs (npm start)', () => {
  it('exits 1 at once with one paragraph pointing to npm run web', () => {
    // This machine has no Electron binary. Where one is installed, point Electron at an empty folder to get the same situation.
    const hasBinary = existsSync(join(root, 'node_modules', 'electron', 'path.txt'));
    const env: Record<string, string> = hasBinary ? { ELECTRON_OVERRIDE_DIST_PATH: mkdtempSync(join(tmpdir(), 'no-electron-')) } : {};
    const r = runScript('start-electron.mjs', env);
    expect(r.status).toBe(1);
    expect(r.ms).toBeLessThan(15_000);
    expect(r.stdout).toBe('');
    const message = r.stderr.trim();
    expect(message.split('\n')).toHaveLength(1);
    expect(message).toMatch(/^Quarry: Electron's binary is not installed on this machine \(/);
    expect(message).toContain('so the desktop app cannot start here');
    expect(message).toContain('"npm run web"');
    expect(message).not.toMatch(/Downloading Electron|Error:|at .*\.js/);
  });
});

describe('scripts/electron-stage.mjs', () => {
  it('refuses to install into a folder that is not a staged copy inside release/', async () => {
    // npm run in a folder without package.json walks up to the project and would replace ./node_modules.
    const stage = (await import(pathToFileURL(join(root, 'scripts', 'electron-stage.mjs')).href)) as {
      installForElectron(dir: string): void;
      StepError: new (...a: unknown[]) => Error;
    };
    const before = hash(nodeSqlite);
    for (const dir of [join(root, 'release', 'no-such-stage'), mkdtempSync(join(tmpdir(), 'outside-'))]) {
      expect(() => stage.installForElectron(dir)).toThrow(stage.StepError);
      expect(() => stage.installForElectron(dir)).toThrow(/is not a staged copy of the app/);
    }
    expect(existsSync(join(root, 'release', 'no-such-stage'))).toBe(false);
    expect(hash(nodeSqlite)).toBe(before);
  });
});

describe('scripts/dist-electron.mjs (npm run dist)', () => {
  it('stops before building or staging when Electron downloads are unreachable, leaving the Node build alone', () => {
    const before = hash(nodeSqlite);
    const stageExisted = existsSync(join(root, 'release', 'stage'));
    const r = runScript('dist-electron.mjs', { ELECTRON_MIRROR: 'https://electron-mirror.invalid/' });
    expect(r.status).toBe(1);
    expect(r.ms).toBeLessThan(30_000);
    expect(r.stderr).toContain('the desktop build needs the network');
    expect(r.stderr).toContain('https://electron-mirror.invalid/');
    expect(r.stderr).toContain('Nothing was built or changed');
    expect(r.stderr).toContain('docs/desktop-build.md');
    expect(r.stdout).not.toContain('▶ build');
    expect(existsSync(join(root, 'release', 'stage'))).toBe(stageExisted);
    expect(hash(nodeSqlite)).toBe(before);
  });
});
