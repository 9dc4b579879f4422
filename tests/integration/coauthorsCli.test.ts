/**
 * The co-author commands in-process: quarry export qdpx/qdc, quarry
 * import-qdpx, quarry merge, quarry agreement — with the exact JSON field
 * names the issue gives.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../cli/main.js';
import { buildCoauthorFiles, SECOND } from '../unit/coauthors/coauthorFiles.js';
import { addBadRows, addGoodRows } from '../unit/coauthors/hostileProjectFiles.js';
import { fileHash } from '../../shared/services/mergeService.js';
import { sharedPath } from '../sharedReference.js';

interface Run {
  code: number;
  out: string;
  err: string;
}

async function cli(cwd: string, ...argv: string[]): Promise<Run> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t), cwd, env: { QUARRY_CODER: 'Ruth Ashworth' } });
  return { code, out, err };
}

const work = mkdtempSync(join(tmpdir(), 'quarry-coauthors-cli-'));
let files: { full: string; ruth: string; daniel: string };

beforeAll(async () => {
  files = await buildCoauthorFiles(work);
});

describe('quarry export qdpx / qdc and import-qdpx', () => {
  it('round-trips the demo study through the command line', async () => {
    const dir = mkdtempSync(join(work, 'rt-'));
    copyFileSync(files.full, join(dir, 'demo.quarry'));
    let r = await cli(dir, 'export', 'demo.quarry', 'qdpx', '--out', 'demo.qdpx');
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toMatch(/^Wrote demo\.qdpx/);
    r = await cli(dir, 'export', 'demo.quarry', 'qdc', '--out', 'demo.qdc', '--json');
    expect(JSON.parse(r.out)).toMatchObject({ kind: 'qdc', path: join(dir, 'demo.qdc') });
    expect(readFileSync(join(dir, 'demo.qdc'), 'utf8')).toMatch(/^<\?xml[^>]*>\s*<CodeBook xmlns="urn:QDA-XML:codebook:1\.0"/);
    r = await cli(dir, 'import-qdpx', 'demo.qdpx', 'again.quarry', '--json');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    expect(Object.keys(report)).toEqual(['sources', 'codes', 'codings', 'cases', 'notes', 'skipped', 'positionUnit']);
    expect(report).toMatchObject({ sources: 14, cases: 14, skipped: [], positionUnit: 'codepoint' });
    const info = JSON.parse((await cli(dir, 'info', 'again.quarry', '--json')).out);
    const original = JSON.parse((await cli(dir, 'info', 'demo.quarry', '--json')).out);
    expect(info).toEqual(original);
  });

  it('refuses what it cannot do, with one line and the right exit code', async () => {
    const dir = mkdtempSync(join(work, 'bad-'));
    copyFileSync(files.full, join(dir, 'demo.quarry'));
    expect((await cli(dir, 'export', 'demo.quarry', 'qdpx')).code).toBe(2);
    expect((await cli(dir, 'export', 'demo.quarry', 'qdpx', '--out', 'x.zip')).code).toBe(2);
    let r = await cli(dir, 'import-qdpx', 'nothing.qdpx', 'n.quarry');
    expect(r).toMatchObject({ code: 1, err: 'quarry import-qdpx: nothing.qdpx: no such file\n' });
    r = await cli(dir, 'import-qdpx', 'demo.quarry', 'n.quarry');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^quarry import-qdpx: demo\.quarry: not a REFI-QDA project/);
    expect(existsSync(join(dir, 'n.quarry'))).toBe(false);
    await cli(dir, 'export', 'demo.quarry', 'qdpx', '--out', 'demo.qdpx');
    r = await cli(dir, 'import-qdpx', 'demo.qdpx', 'demo.quarry');
    expect(r).toMatchObject({ code: 1 });
    expect(r.err).toMatch(/already exists; Quarry will not overwrite it/);
  });

  const SAMPLE = sharedPath('refi', 'samples', 'atlasti-8.4.0-mac', 'Project.qde');
  it('imports a partial project listing what it left out, or refuses it with --strict', async () => {
    if (!existsSync(SAMPLE)) {
      console.warn(`${SAMPLE} not found: the partial import test did not run`);
      return;
    }
    const dir = mkdtempSync(join(work, 'partial-'));
    const strict = await cli(dir, 'import-qdpx', SAMPLE, 'strict.quarry', '--strict');
    expect(strict.code).toBe(1);
    expect(strict.err).toMatch(/cannot be imported/);
    const r = await cli(dir, 'import-qdpx', SAMPLE, 'atlas.quarry', '--json');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out);
    expect(report.codes).toBe(14);
    expect(report.skipped.length).toBeGreaterThan(0);
    for (const s of report.skipped) expect(typeof s.reason).toBe('string');
  });
});

describe('quarry merge and quarry agreement', () => {
  it('merges Daniel’s file non-interactively, reports conflicts as resolved, and adds nothing the second time', async () => {
    const dir = mkdtempSync(join(work, 'merge-'));
    copyFileSync(files.ruth, join(dir, 'ruth.quarry'));
    copyFileSync(files.daniel, join(dir, 'daniel.quarry'));
    const hash = fileHash(join(dir, 'daniel.quarry'));
    let r = await cli(dir, 'merge', 'ruth.quarry', 'daniel.quarry', '--json');
    expect(r.code).toBe(0);
    const merged = JSON.parse(r.out);
    expect(merged.codings.addedByCoder['Daniel Osei']).toBe(merged.codings.added);
    expect(merged.conflicts).toEqual([]);
    expect(merged.otherFileUnchanged).toBe(true);
    expect(fileHash(join(dir, 'daniel.quarry'))).toBe(hash);
    r = await cli(dir, 'merge', 'ruth.quarry', 'daniel.quarry');
    expect(r.out).toMatch(/^Nothing to merge/);
    const full = JSON.parse((await cli(dir, 'info', files.full, '--json')).out);
    expect(JSON.parse((await cli(dir, 'info', 'ruth.quarry', '--json')).out)).toEqual(full);
  });

  it('reports agreement with the issue’s field names', async () => {
    const dir = mkdtempSync(join(work, 'agree-'));
    copyFileSync(files.full, join(dir, 'demo.quarry'));
    const r = await cli(dir, 'agreement', 'demo.quarry', '--coders', 'Ruth Ashworth,Daniel Osei', '--code', 'Motivations/Intermediaries', '--source', 'I1', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(Object.keys(j).slice(0, 5)).toEqual(['unit', 'percentAgreement', 'kappa', 'alpha', 'perCode']);
    expect(j.unit).toBe('character');
    expect(j.percentAgreement).toBeCloseTo(99.3431, 4);
    expect(j.kappa).toBeCloseTo(0.9611, 4);
    expect(j.perCode).toHaveLength(1);
    expect(j.perCode[0]).toMatchObject({ code: 'Motivations/Intermediaries', agreeBoth: 424, onlyA: 31, onlyB: 0 });
    const all = await cli(dir, 'agreement', 'demo.quarry', '--coders', 'Ruth Ashworth,Daniel Osei', '--exclude-uncoded');
    expect(all.out).toMatch(/unit: character \(Unicode code point\), text neither coded excluded/);
    expect((await cli(dir, 'agreement', 'demo.quarry', '--coders', 'Ruth Ashworth')).code).toBe(2);
    const unknown = await cli(dir, 'agreement', 'demo.quarry', '--coders', 'Ruth Ashworth,Nobody', '--json');
    expect(unknown).toMatchObject({ code: 1, err: 'quarry agreement: There is no coder “Nobody” in this project.\n' });
  });
});

describe('quarry merge of a tampered file', () => {
  it('names the rows it leaves out, in text and in JSON, and merges the rest', async () => {
    const dir = mkdtempSync(join(work, 'hostile-'));
    copyFileSync(files.ruth, join(dir, 'ruth.quarry'));
    copyFileSync(files.daniel, join(dir, 'daniel.quarry'));
    addGoodRows(join(dir, 'daniel.quarry'), SECOND);
    addBadRows(join(dir, 'daniel.quarry'), SECOND);
    copyFileSync(join(dir, 'ruth.quarry'), join(dir, 'ruth-2.quarry'));
    const text = await cli(dir, 'merge', 'ruth.quarry', 'daniel.quarry');
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/\nLeft out \(\d+\), as they do not fit:\n/);
    expect(text.out).toContain('  code “CSS colour”: its colour is not a colour in the form #rrggbb\n');
    expect(text.out).toContain('  case set “Missing attribute”: its rule does not fit the attributes: Condition 1 (Shoe size = 42): there is no attribute called Shoe size.\n');
    const json = JSON.parse((await cli(dir, 'merge', 'ruth-2.quarry', 'daniel.quarry', '--json')).out);
    expect(json.skipped).toContainEqual({ kind: 'attribute', name: 'Stage of life', reason: 'its list of choices is not a list' });
    expect(json.codes.added).toEqual(['Shared theme']);
  });
});
