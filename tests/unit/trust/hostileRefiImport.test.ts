/**
 * Importing a REFI-QDA project with bad values: each bad row is named in
 * the import report and never stored, the good rows come in, and the new
 * project's case sets, REFI export and classification sheet work. Another
 * project on disk is untouched.
 */
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProjectDb } from '../../../shared/db/projectDb.js';
import { listCaseSetInfo } from '../../../shared/services/caseSetService.js';
import { exportClassification } from '../../../shared/services/classificationService.js';
import { fileHash } from '../../../shared/services/mergeService.js';
import { exportQdpxBytes, importRefiProject, previewRefiImport } from '../../../shared/services/refiService.js';
import { buildDemoProject } from '../../../shared/demo/buildDemo.js';
import { HOSTILE_REFI_SKIPS, hostileQde } from './hostileRefi.js';

const bytes = new TextEncoder().encode(hostileQde());

describe('a REFI-QDA project with bad values', () => {
  it('names every bad row in the preview', () => {
    const report = previewRefiImport('hostile.qde', bytes);
    for (const bad of HOSTILE_REFI_SKIPS) {
      expect(report.skipped.some((s) => s.kind === bad.kind && bad.name.test(s.name ?? '') && bad.reason.test(s.reason)), `${bad.kind} ${bad.name}`).toBe(true);
    }
    expect(report.skipped).toHaveLength(HOSTILE_REFI_SKIPS.length);
    expect(report).toMatchObject({ sources: 1, codes: 2, codings: 1, cases: 1 });
  });

  it('imports only the good rows, and what it made works; another project is untouched', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'quarry-hostile-refi-'));
    const bystander = join(dir, 'bystander.quarry');
    await buildDemoProject(bystander);
    const hash = fileHash(bystander);
    const target = join(dir, 'imported.quarry');
    expect(() => importRefiProject(target, 'hostile.qde', bytes)).toThrow(/^hostile\.qde: 13 item\(s\) cannot be imported/);
    importRefiProject(target, 'hostile.qde', bytes, { acceptLosses: true });
    const { project } = ProjectDb.open(target);
    try {
      const db = project.db;
      const names = (table: string) => db.prepare(`SELECT name FROM ${table} ORDER BY name`).pluck().all();
      expect(names('codes')).toEqual(['Alpha', 'Beta']);
      expect(names('sources')).toEqual(['Interview 1']);
      expect(names('cases')).toEqual(['P1']);
      expect(names('attributes')).toEqual(['Group']);
      expect(names('case_sets')).toEqual(['Good set']);
      expect(names('users')).toEqual(['Ana Lima']);
      expect(db.prepare(`SELECT choices FROM attributes`).pluck().get()).toBe('["Entrepreneur","Intermediary"]');
      // A colour that is not one is no colour (NULL), never stored as given.
      expect(db.prepare(`SELECT name, color FROM codes ORDER BY name`).all()).toEqual([
        { name: 'Alpha', color: null },
        { name: 'Beta', color: '#336699' },
      ]);
      expect(db.prepare(`SELECT count(*) FROM codings`).pluck().get()).toBe(1);

      const sets = listCaseSetInfo(db);
      expect(sets).toHaveLength(1);
      expect(sets[0]).toMatchObject({ name: 'Good set', kind: 'rule' });
      expect(sets[0]!.caseIds).toHaveLength(1);
      const again = previewRefiImport('again.qdpx', exportQdpxBytes(db));
      expect(again.skipped).toEqual([]);
      expect(again).toMatchObject({ sources: 1, codes: 2, codings: 1, cases: 1 });
      expect(exportClassification(db).csv).toBe("\ufeffCase,Group\r\nP1,Entrepreneur\r\n");
    } finally {
      project.close();
    }
    expect(fileHash(bystander)).toBe(hash);
    copyFileSync(bystander, join(dir, 'still-opens.quarry'));
    ProjectDb.open(join(dir, 'still-opens.quarry')).project.close();
  });
});
