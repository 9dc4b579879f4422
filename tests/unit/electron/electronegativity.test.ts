/**
 * Electronegativity (Doyensec's static checker for Electron apps, pinned in
 * devDependencies) over the shell's sources. Nothing above LOW may be found
 * except the findings the README's "Data safety" section explains; the
 * explained ones must really be explained there.
 *
 * The check that compares the Electron version with the list of releases
 * online (AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK) is left out: it needs the
 * network, which the tests must not. The Electron version is given from
 * package.json so the version-dependent checks judge the real one.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..', '..', '..');
const SEVERITY = ['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];
/** Findings above LOW that remain, each explained in README.md ("Data safety"). */
const EXPLAINED = new Set(['PRELOAD_JS_CHECK']);

interface Finding {
  id: string;
  severity: string;
  confidence: string;
  file: string;
  location: string;
}

function electronVersion(): string {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
  return pkg.devDependencies['electron']!.replace(/^[^\d]*/, '');
}

function runElectronegativity(): Promise<Finding[]> {
  const out = join(mkdtempSync(join(tmpdir(), 'quarry-eneg-')), 'findings.csv');
  const cli = join(ROOT, 'node_modules', '@doyensec', 'electronegativity', 'dist', 'index.js');
  // offline.cjs makes its optional translation download fail at once (the tests use no network).
  const offline = join(ROOT, 'tests', 'unit', 'electron', 'offline.cjs');
  const args = ['--require', offline, cli, '-i', join(ROOT, 'electron'), '-o', out, '-r', '-v', 'false', '-e', electronVersion(), '-x', 'AvailableSecurityFixesGlobalCheck'];
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 100_000);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code !== 0) return reject(new Error(`electronegativity exited with ${code ?? signal}:\n${output.slice(-2000)}`));
      // Each finding's leading fields, wherever they stand: under load the tool's CSV rows can come out
      // interleaved (one row's description cut by the next row), so rows are not split on newlines.
      const text = readFileSync(out, 'utf8');
      const findings = [...text.matchAll(/([A-Z0-9_]+_CHECK),"([A-Z]+)","([A-Z]+)","([^"]*)","([^"]*)"/g)].map((m) => ({
        id: m[1]!,
        severity: m[2]!,
        confidence: m[3]!,
        file: m[4]!,
        location: m[5]!,
      }));
      const rows = text.split('\n').filter((l) => /^[A-Z0-9_]+_CHECK,/.test(l)).length;
      if (findings.length < rows) return reject(new Error(`electronegativity wrote rows this test cannot read:\n${text.slice(0, 4000)}`));
      resolvePromise(findings);
    });
  });
}

describe('Electronegativity over electron/', () => {
  it('finds nothing above LOW except what the README explains', { timeout: 150_000 }, async () => {
    const findings = await runElectronegativity();
    console.log(`Electronegativity ${electronVersion()}: ${findings.map((f) => `${f.id} ${f.severity} (${f.file}:${f.location})`).join('; ') || 'no findings'}`);
    const aboveLow = findings.filter((f) => SEVERITY.indexOf(f.severity) > SEVERITY.indexOf('LOW'));
    expect(aboveLow.filter((f) => !EXPLAINED.has(f.id))).toEqual([]);
    // Everything that remains (any severity) is explained in the README.
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const safety = readme.slice(readme.indexOf('## Data safety'));
    expect(readme).toContain('## Data safety');
    for (const f of findings) expect(safety, `${f.id} must be explained in README "Data safety"`).toContain(f.id);
  });
});
