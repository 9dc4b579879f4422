/**
 * A classification sheet with bad names and values: a column whose name has
 * control characters, case names with control characters or 100,000
 * characters, a value that would become a choice with a control character.
 * Each is named in the preview (row, column, problem) and left out; the
 * project ends exactly as after the same sheet without them, and its case
 * sets, REFI export and classification sheet work. Another project on disk
 * is untouched.
 */
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ProjectDb } from '../../../shared/db/projectDb.js';
import { buildDemoProject } from '../../../shared/demo/buildDemo.js';
import { listCaseSetInfo } from '../../../shared/services/caseSetService.js';
import { applyClassificationImport, exportClassification, previewClassificationImport } from '../../../shared/services/classificationService.js';
import { saveCaseSet } from '../../../shared/services/caseSetService.js';
import type { ServiceContext } from '../../../shared/services/context.js';
import { fileHash } from '../../../shared/services/mergeService.js';
import { exportQdpxBytes, previewRefiImport } from '../../../shared/services/refiService.js';
import { fingerprint } from '../coauthors/projectFingerprint.js';

const dir = mkdtempSync(join(tmpdir(), 'quarry-hostile-csv-'));
const demo = join(dir, 'demo.quarry');
const long = 'z'.repeat(100_000);

const hostileCsv = [
  'Case,Stage of firm,"Ring\u0007bell"',
  'E1,Early,a',
  'N1,Late,b',
  '"Tab\tname",Early,c',
  `${long},Late,d`,
  'N2,"Ear\u0007ly",e',
  'N3,Early,f',
].join('\r\n');

// The same sheet without what does not fit: what the hostile one must amount to.
const cleanCsv = ['Case,Stage of firm', 'E1,Early', 'N1,Late', 'N2,', 'N3,Early'].join('\r\n');

function open(path: string): ServiceContext {
  return { project: ProjectDb.open(path).project, coderName: 'Ruth Ashworth' };
}

beforeAll(async () => {
  await buildDemoProject(demo);
}, 120_000);

describe('a classification sheet with bad names and values', () => {
  it('names each bad column, row and value in the preview', () => {
    const ctx = open(demo);
    try {
      const p = previewClassificationImport(ctx.project.db, { fileName: 'hostile.csv', bytes: hostileCsv });
      const rejected = p.rejected.map((r) => `${r.row}|${r.column}|${r.reason}`);
      expect(rejected).toContainEqual(expect.stringMatching(/^1\|Ring�bell\|the column name does not fit \(the name contains control characters\); the column was not imported$/));
      expect(rejected).toContainEqual(expect.stringMatching(/^4\|Case\|the case name “Tab�name” does not fit \(the name contains control characters\); this row was left out$/));
      expect(rejected).toContainEqual(expect.stringMatching(/^5\|Case\|the case name “z{80}…” does not fit \(the name is longer than 500 characters\); this row was left out$/));
      expect(rejected).toContainEqual(expect.stringMatching(new RegExp(`^6\\|Stage of firm\\|'Ear${'\u0007'}ly' is not one of the choices of Stage of firm`)));
      expect(p.rejectedTotal).toBe(4);
      expect(p.createCaseNames).toEqual(['N1', 'N2', 'N3']);
      expect(p.createAttributes).toEqual([{ name: 'Stage of firm', type: 'choice', choices: ['Early', 'Late'] }]);
    } finally {
      ctx.project.close();
    }
  });

  it('imports only what fits, the same as the clean sheet; sets, export and sheet still work; another project is untouched', () => {
    const bystander = join(dir, 'bystander.quarry');
    copyFileSync(demo, bystander);
    const hash = fileHash(bystander);
    const a = join(dir, 'a.quarry');
    const b = join(dir, 'b.quarry');
    copyFileSync(demo, a);
    copyFileSync(demo, b);
    const clean = open(a);
    const hostile = open(b);
    try {
      const stage = { type: 'choice' as const, choices: ['Early', 'Late'] };
      applyClassificationImport(clean, { fileName: 'clean.csv', bytes: cleanCsv, columns: [stage] });
      // New choices allowed: a value the API would refuse as a choice still stays out.
      const report = applyClassificationImport(hostile, { fileName: 'hostile.csv', bytes: hostileCsv, columns: [stage, { type: 'text' }], allowNewChoices: true });
      expect(report.rejected).toHaveLength(4);
      expect(fingerprint(hostile.project.db)).toEqual(fingerprint(clean.project.db));
      const db = hostile.project.db;
      const names = db.prepare(`SELECT name FROM cases`).pluck().all() as string[];
      expect(names.some((n) => n.includes('\t') || n.length > 500)).toBe(false);
      expect(db.prepare(`SELECT choices FROM attributes WHERE name = 'Stage of firm'`).pluck().get()).toBe('["Early","Late"]');

      saveCaseSet(hostile, { name: 'Early firms', rule: { op: 'and', conditions: [{ attribute: 'Stage of firm', operator: '=', value: 'Early' }] } });
      expect(listCaseSetInfo(db).find((s) => s.name === 'Early firms')!.caseIds).toHaveLength(2);
      expect(previewRefiImport('sheet.qdpx', exportQdpxBytes(db)).skipped).toEqual([]);
      expect(exportClassification(db).csv).toMatch(/Stage of firm/);
    } finally {
      clean.project.close();
      hostile.project.close();
    }
    expect(fileHash(bystander)).toBe(hash);
  });
});
