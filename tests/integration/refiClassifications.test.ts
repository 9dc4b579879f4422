/**
 * Classifications, nested cases and source attributes survive a REFI-QDA
 * round trip: a schools → pupils study exported as .qdpx and imported into
 * a new project lists the same cases (parent, classification, values), the
 * same sources (Wave, Interview date) and the same roll-up matrix; each
 * classification keeps its own attributes with their types and choices.
 * The package validates against the REFI-QDA 1.0 schema.
 */
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { ProjectDb } from '../../shared/db/projectDb.js';
import { listAttributes } from '../../shared/store/attributesStore.js';
import { listClassifications } from '../../shared/store/classificationsStore.js';
import { listSourceAttributes } from '../../shared/store/sourceAttributesStore.js';
import { readRefiPackage } from '../../shared/refi/qdpxReader.js';
import { planRefiImport } from '../../shared/refi/refiImportPlan.js';
import { tempDir } from './caseFixtures.js';
import { quarryOk } from './quarryCli.js';
import { sharedPath } from '../sharedReference.js';

const ok = quarryOk;

// Newly written synthetic lines; every coded passage is the word "garden".
const TEXTS: Record<string, string> = {
  'Ines spring': 'Ines: the garden was where I read.\n',
  'Ines autumn': 'Ines: I still go to the garden, mostly alone.\n',
  'Tomas spring': 'Tomas: our garden plot had beans — “ours”.\n',
  'Head Elm': 'The head said the garden opened in May.\n',
};

function gardenSpans(): [string, number, number][] {
  return Object.entries(TEXTS).flatMap(([name, text]) => {
    const cps = [...text];
    const at = cps.join('').indexOf('garden');
    return [[name, [...text.slice(0, at)].length, [...text.slice(0, at)].length + 6] as [string, number, number]];
  });
}

async function study(dir: string): Promise<void> {
  await ok(dir, 'new', 'study.quarry');
  for (const [name, text] of Object.entries(TEXTS)) writeFileSync(join(dir, `${name}.txt`), text);
  await ok(dir, 'import', 'study.quarry', ...Object.keys(TEXTS).map((n) => `${n}.txt`));
  writeFileSync(join(dir, 'schools.csv'), 'School,Sector,Founded\nElm,State,1962-09-01\nOak,Private,1999-01-15\nAsh,State,1975-04-01\nYew,Private,2010-09-01\n');
  await ok(dir, 'cases', 'import', 'study.quarry', 'schools.csv', '--classification', 'School');
  writeFileSync(join(dir, 'pupils.csv'), 'Pupil,Parent,Age,Boarder\nInes,Elm,12,yes\nTomas,Oak,14,no\n');
  await ok(dir, 'cases', 'import', 'study.quarry', 'pupils.csv', '--classification', 'Pupil');
  for (const [source, owner] of [['Ines spring', 'Ines'], ['Ines autumn', 'Ines'], ['Tomas spring', 'Tomas'], ['Head Elm', 'Elm']]) {
    await ok(dir, 'cases', 'assign', 'study.quarry', source!, owner!);
  }
  for (const [source, wave, date] of [['Ines spring', '1', '2025-03-04'], ['Tomas spring', '1', '2025-03-06'], ['Head Elm', '1', '2025-03-10'], ['Ines autumn', '2', '2025-10-01']]) {
    await ok(dir, 'sources', 'set', 'study.quarry', source!, `Wave=${wave}`, `Interview date=${date}`);
  }
  await ok(dir, 'codes', 'add', 'study.quarry', 'Place');
  for (const [source, start, end] of gardenSpans()) await ok(dir, 'code', 'study.quarry', source, String(start), String(end), 'Place');
}

/** Each classification's attributes (name, type, choices) and the source attributes, as stored. */
function definitions(path: string): unknown {
  const open = ProjectDb.open(path, { readOnly: true });
  if (!('project' in open)) throw new Error(`cannot open ${path}`);
  const db = open.project.db;
  try {
    const names = new Map(listClassifications(db).map((k) => [k.id, k.name]));
    return {
      classifications: listClassifications(db).map((k) => k.name),
      attributes: listAttributes(db).map((a) => ({ name: a.name, type: a.type, choices: a.choices, classification: names.get(a.classificationId ?? -1) ?? null })),
      sourceAttributes: listSourceAttributes(db).map((a) => ({ name: a.name, type: a.type, choices: a.choices })),
    };
  } finally {
    open.project.close();
  }
}

const views = async (dir: string, project: string) => ({
  cases: JSON.parse(await ok(dir, 'cases', project, '--json')),
  sources: JSON.parse(await ok(dir, 'sources', project, '--json')),
  matrix: JSON.parse(await ok(dir, 'matrix', project, '--rows', 'cases:School', '--cols', 'codes', '--json')),
  wave2: JSON.parse(await ok(dir, 'matrix', project, '--rows', 'cases:School', '--cols', 'codes', '--where', 'source:Wave >= 2', '--json')),
  definitions: definitions(join(dir, project)),
});

describe('classifications in a REFI-QDA round trip', () => {
  it('keeps parents, classifications, their attribute definitions and source attribute values', async () => {
    const dir = tempDir('quarry-refi-classif-');
    await study(dir);
    const before = await views(dir, 'study.quarry');
    // The study is what it says: two classifications, nested pupils, typed source attributes.
    expect(before.cases.find((c: { name: string }) => c.name === 'Ines')).toMatchObject({ parent: 'Elm', classification: 'Pupil', attributes: { Age: '12', Boarder: 'true' } });
    expect(before.definitions).toMatchObject({
      classifications: ['Default', 'School', 'Pupil'],
      sourceAttributes: [{ name: 'Wave', type: 'number' }, { name: 'Interview date', type: 'date' }],
    });
    expect((before.definitions as { attributes: { name: string; type: string; choices: string[] }[] }).attributes.find((a) => a.name === 'Sector')).toMatchObject({ type: 'choice', choices: ['State', 'Private'] });
    // Elm rolls up Ines's two interviews and the head's; only Ines's autumn interview is wave 2.
    const byRow = (m: { rows: string[]; cells: number[][] }) => Object.fromEntries(m.rows.map((r, i) => [r, m.cells[i]![0]]));
    expect(byRow(before.matrix)).toEqual({ Ash: 0, Elm: 3, Oak: 1, Yew: 0 });
    expect(byRow(before.wave2)).toEqual({ Ash: 0, Elm: 1, Oak: 0, Yew: 0 });

    await ok(dir, 'export', 'study.quarry', 'qdpx', '--out', 'study.qdpx');
    await ok(dir, 'import-qdpx', 'study.qdpx', 'copy.quarry');
    const after = await views(dir, 'copy.quarry');
    expect(after).toEqual(before);

    // Nothing was reported as left out, and a second round trip changes nothing either.
    const bytes = new Uint8Array(readFileSync(join(dir, 'study.qdpx')));
    const read = readRefiPackage('study.qdpx', bytes);
    const plan = planRefiImport(read);
    expect(plan.skipped).toEqual([]);
    expect(plan.classifications).toEqual(['Default', 'School', 'Pupil']);
    await ok(dir, 'export', 'copy.quarry', 'qdpx', '--out', 'copy.qdpx');
    await ok(dir, 'import-qdpx', 'copy.qdpx', 'copy2.quarry');
    expect(await views(dir, 'copy2.quarry')).toEqual(before);

    // Other tools see the markers as text in descriptions; the file is valid REFI-QDA 1.0.
    const qde = new TextDecoder().decode(unzipSync(bytes)['project.qde']!);
    expect(qde).toContain('[Quarry parent case: ');
    expect(qde).toContain('[Quarry classification: "Pupil"]');
    expect(qde).toContain('[Quarry source attribute]');
    const schema = sharedPath('refi', 'schemas', 'Project-mrt2019.xsd');
    if (existsSync(schema) && spawnSync('xmllint', ['--version']).status === 0) {
      const file = join(dir, 'project.qde');
      writeFileSync(file, qde);
      const r = spawnSync('xmllint', ['--noout', '--schema', schema, file], { encoding: 'utf8' });
      expect(`${r.stdout}${r.stderr}`).toContain('validates');
      expect(r.status).toBe(0);
    } else {
      console.warn('REFI-QDA schema or xmllint absent: the package was checked by reading it back only');
    }
  });
});
