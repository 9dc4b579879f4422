/**
 * `npm run web` as a user starts it: the script (scripts/web.mjs) serves the
 * existing build, rebuilding only when the sources changed, and answers
 * --help and mistakes plainly. npm test writes the build stamp after its build
 * step, so here the first start is normally fast too; if it is not (the suite
 * was run without the build step), the second start must still not rebuild.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './harness.js';

const WEB = join(ROOT, 'scripts', 'web.mjs');

interface Start {
  output: string;
  ms: number;
  url: string;
}

function startWeb(dataDir: string, timeoutMs: number): Promise<Start> {
  const began = Date.now();
  const child = spawn(process.execPath, [WEB, '--port', '0', '--data-dir', dataDir, '--no-open'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`npm run web did not start within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onData = (d: Buffer) => {
      output += d.toString();
      const m = /running at (http:\/\/\S+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        const ms = Date.now() - began;
        child.once('exit', () => resolve({ output, ms, url: m[1]! }));
        child.kill('SIGTERM');
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => {
      if (!/running at/.test(output)) {
        clearTimeout(timer);
        reject(new Error(`npm run web exited (${code}) before starting:\n${output}`));
      }
    });
  });
}

describe('npm run web starts on the existing build', () => {
  it('a second start does not rebuild and is up within seconds', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'quarry-web-'));
    await startWeb(dataDir, 600_000); // builds only if the sources changed since the last build
    const second = await startWeb(dataDir, 60_000);
    expect(second.output).not.toMatch(/building/i);
    expect(second.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[0-9a-f]{48}$/);
    console.log(`npm run web: second start served in ${second.ms} ms`);
  }, 720_000);

  it('--help prints the options and exits 0 without building or serving', () => {
    const r = spawnSync(process.execPath, [WEB, '--help'], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Usage: npm run web -- [options]');
    expect(r.stdout).not.toMatch(/building|running at/i);
  });

  it('a mistake is one plain line and exit code 2, never a stack trace', () => {
    const r = spawnSync(process.execPath, [WEB, '--no-such-option'], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe(`Quarry: Unknown option '--no-such-option'. Run "npm run web -- --help" for the options.`);
    expect(r.stderr).not.toMatch(/\bat .+:\d+:\d+/);
  });
});
