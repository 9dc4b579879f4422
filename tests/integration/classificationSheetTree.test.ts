/**
 * The classification sheet carries the case tree: exporting a schools →
 * pupils project writes Parent and Classification columns, and importing
 * that sheet into a new project (CSV or .xlsx) nests and classifies every
 * case again, each new attribute joining the classification whose rows
 * hold its values — export → import is lossless.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ProjectDb } from '../../shared/db/projectDb.js';
import { previewClassificationImport, readClassificationSheet } from '../../shared/services/classificationService.js';
import { listAttributes } from '../../shared/store/attributesStore.js';
import { listClassifications } from '../../shared/store/classificationsStore.js';
import { tempDir } from './caseFixtures.js';
import { quarryOk } from './quarryCli.js';

const ok = quarryOk;

/** Each attribute's classification, by name. */
function attributeHomes(path: string): Record<string, string | null> {
  const project = ProjectDb.open(path, { readOnly: true }).project;
  try {
    const names = new Map(listClassifications(project.db).map((k) => [k.id, k.name]));
    return Object.fromEntries(listAttributes(project.db).map((a) => [a.name, names.get(a.classificationId ?? -1) ?? null]));
  } finally {
    project.close();
  }
}

async function study(dir: string): Promise<void> {
  await ok(dir, 'new', 'study.quarry');
  writeFileSync(join(dir, 'schools.csv'), 'School,Founded\nLarch,1971-09-01\nRowan,2003-01-06\n');
  await ok(dir, 'cases', 'import', 'study.quarry', 'schools.csv', '--classification', 'School');
  writeFileSync(join(dir, 'pupils.csv'), 'Pupil,Parent,Year,Nickname\nJun,Larch,7,"Junie, J."\nPia,Rowan,10,\nOla,Larch,N/A,Ola\n');
  await ok(dir, 'cases', 'import', 'study.quarry', 'pupils.csv', '--classification', 'Pupil');
  await ok(dir, 'cases', 'add', 'study.quarry', 'Rowan annex', '--parent', 'Rowan', '--classification', 'School');
}

describe('Parent and Classification columns of the classification sheet', () => {
  for (const ext of ['csv', 'xlsx']) {
    it(`export → import into a new project keeps every case's parent, classification and values (${ext})`, async () => {
      const dir = tempDir('quarry-sheet-tree-');
      await study(dir);
      await ok(dir, 'cases', 'export', 'study.quarry', `sheet.${ext}`);
      if (ext === 'csv') {
        const lines = readFileSync(join(dir, 'sheet.csv'), 'utf8').replace(/^\uFEFF/, '').split('\r\n');
        expect(lines[0]).toBe('Case,Parent,Classification,Founded,Year,Nickname');
        expect(lines).toContain('Jun,Larch,Pupil,Unassigned,7,"Junie, J."');
        expect(lines).toContain('Larch,,School,1971-09-01,Unassigned,Unassigned');
      }
      const before = await ok(dir, 'cases', 'study.quarry', '--json');

      await ok(dir, 'new', 'copy.quarry');
      const project = ProjectDb.open(join(dir, 'copy.quarry'), { readOnly: true }).project;
      try {
        // The preview says what the two columns will do before anything is written.
        const args = await readClassificationSheet({ fileName: `sheet.${ext}`, bytes: new Uint8Array(readFileSync(join(dir, `sheet.${ext}`))) });
        const preview = previewClassificationImport(project.db, args);
        expect(preview.nest).toBe(4);
        expect(preview.classify).toEqual(['Pupil', 'School']);
        expect(preview.columns.map((c) => c.name)).toEqual(['Founded', 'Year', 'Nickname']);
      } finally {
        project.close();
      }
      const imported = JSON.parse(await ok(dir, 'cases', 'import', 'copy.quarry', `sheet.${ext}`, '--json'));
      expect(imported).toMatchObject({ created: 6, rejected: [], nested: 4 });
      expect(JSON.parse(await ok(dir, 'cases', 'copy.quarry', '--json'))).toEqual(JSON.parse(before));
      expect(attributeHomes(join(dir, 'copy.quarry'))).toEqual({ Founded: 'School', Year: 'Pupil', Nickname: 'Pupil' });

      // And the copy exports the same sheet again.
      await ok(dir, 'cases', 'export', 'copy.quarry', `again.${ext}`);
      if (ext === 'csv') expect(readFileSync(join(dir, 'again.csv'), 'utf8')).toBe(readFileSync(join(dir, 'sheet.csv'), 'utf8'));
    });
  }

  it('leaves the sheet as it was for a project without nesting or a second classification', async () => {
    const dir = tempDir('quarry-sheet-flat-');
    await ok(dir, 'new', 'flat.quarry');
    writeFileSync(join(dir, 'people.csv'), 'Case,Age\nAsha,31\nBen,45\n');
    await ok(dir, 'cases', 'import', 'flat.quarry', 'people.csv');
    await ok(dir, 'cases', 'export', 'flat.quarry', 'out.csv');
    expect(readFileSync(join(dir, 'out.csv'), 'utf8').replace(/^\uFEFF/, '').split('\r\n')[0]).toBe('Case,Age');
  });
});
