/**
 * Sets in REFI-QDA (issue 16, item 2): Quarry's source sets and code sets
 * export as <Set> with <MemberSource> / <MemberCode>, case sets as before
 * (a Set of the cases' sources with Quarry's marker), all valid against the
 * schema; importing the file gives back all three kinds with their members.
 * Other tools' sets arrive as source or code sets (MAXQDA document sets,
 * ATLAS.ti document and code groups), a mixed Set splits in two.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProjectDb } from '../../shared/db/projectDb.js';
import { projectToRefi } from '../../shared/refi/projectToRefi.js';
import { writeQde } from '../../shared/refi/qdpxWriter.js';
import { planRefiImport } from '../../shared/refi/refiImportPlan.js';
import type { RefiImportResult, RefiProject } from '../../shared/refi/refiModel.js';
import { assignSource } from '../../shared/services/caseService.js';
import { listCaseSetInfo, saveCaseSet } from '../../shared/services/caseSetService.js';
import { applyCoding } from '../../shared/services/codingService.js';
import { createItemSet, listItemSetInfo } from '../../shared/services/itemSetService.js';
import { exportQdcText, exportQdpxBytes, importRefiProject } from '../../shared/services/refiService.js';
import { sharedPath } from '../sharedReference.js';
import { addSources, projectsClosedAfterEach, tempDir } from './caseFixtures.js';

const project = projectsClosedAfterEach();

/** Every set of a project by kind, with member names (cases, sources, code paths). */
function setsOf(db: ProjectDb['db']): { kind: string; name: string; description: string; members: string[] }[] {
  const caseName = new Map((db.prepare(`SELECT id, name FROM cases`).all() as { id: number; name: string }[]).map((r) => [r.id, r.name]));
  const sourceName = new Map((db.prepare(`SELECT id, name FROM sources`).all() as { id: number; name: string }[]).map((r) => [r.id, r.name]));
  const codePath = new Map(
    (db.prepare(`SELECT c.id, coalesce(p.name || '/', '') || c.name AS path FROM codes c LEFT JOIN codes p ON p.id = c.parent_id`).all() as { id: number; path: string }[]).map((r) => [r.id, r.path]),
  );
  return [
    ...listCaseSetInfo(db).map((s) => ({ kind: 'cases', name: s.name, description: s.description, members: s.caseIds.map((id) => caseName.get(id)!).sort() })),
    ...listItemSetInfo(db).map((s) => ({ kind: s.kind, name: s.name, description: s.description, members: s.memberIds.map((id) => (s.kind === 'sources' ? sourceName : codePath).get(id)!).sort() })),
  ];
}

function schemaValid(xml: string, xsd: string, fileName: string): void {
  const schema = sharedPath('refi', 'schemas', xsd);
  if (!existsSync(schema) || !existsSync('/usr/bin/xmllint')) {
    console.warn('REFI-QDA schema or xmllint absent: the export was checked by reading it back only');
    return;
  }
  const file = join(tempDir(), fileName);
  writeFileSync(file, xml);
  expect(() => execFileSync('/usr/bin/xmllint', ['--noout', '--schema', schema, file], { stdio: 'pipe' })).not.toThrow();
}

describe('sets in a REFI-QDA round trip', () => {
  it('keeps case sets, source sets and code sets with their members and descriptions', async () => {
    const { ctx, project: p } = project();
    const ids = await addSources(ctx, {
      'Lighthouse visit': 'The keeper counted ships and wrote their flags down.\n',
      'Market day': 'Stalls opened late because the rain would not stop.\n',
      'Night shift': 'Two nurses swapped stories over cold tea.\n',
    });
    assignSource(ctx, { sourceName: 'Lighthouse visit', caseName: 'Keeper' });
    assignSource(ctx, { sourceName: 'Night shift', caseName: 'Nurse' });
    const code = (path: string, source: string, start: number, end: number) => applyCoding(ctx, { sourceId: ids.get(source)!, start, end, codePath: path }).codeId;
    const routine = code('Work/Routine', 'Lighthouse visit', 0, 10);
    const weather = code('Weather', 'Market day', 0, 12);
    code('Work/Talk', 'Night shift', 0, 9);
    saveCaseSet(ctx, { name: 'Night and sea', caseIds: p.db.prepare(`SELECT id FROM cases`).pluck().all() as number[] });
    createItemSet(ctx, { kind: 'sources', name: 'Outdoors', description: 'Seen outside', memberIds: [ids.get('Lighthouse visit')!, ids.get('Market day')!] });
    createItemSet(ctx, { kind: 'codes', name: 'Outdoors', memberIds: [routine, weather] });
    createItemSet(ctx, { kind: 'codes', name: 'Empty for now' });

    const { project: refi } = projectToRefi(p.db);
    const outdoors = refi.sets.filter((s) => s.name === 'Outdoors');
    expect(outdoors.map((s) => [s.memberSourceGuids.length, s.memberCodeGuids.length])).toEqual([
      [2, 0],
      [0, 2],
    ]);
    const qde = writeQde(refi);
    expect(qde).toContain('<MemberCode');
    schemaValid(qde, 'Project-mrt2019.xsd', 'project.qde');
    // The codebook alone (.qdc) carries the code sets that have members.
    const qdc = exportQdcText(p.db);
    expect(qdc.match(/<Set /g)).toHaveLength(1);
    expect(qdc.match(/<MemberCode /g)).toHaveLength(2);
    schemaValid(qdc, 'Codebook-mrt2019.xsd', 'codebook.qdc');

    const before = setsOf(p.db);
    expect(before).toEqual([
      { kind: 'cases', name: 'Night and sea', description: '', members: ['Keeper', 'Nurse'] },
      { kind: 'sources', name: 'Outdoors', description: 'Seen outside', members: ['Lighthouse visit', 'Market day'] },
      { kind: 'codes', name: 'Empty for now', description: '', members: [] },
      { kind: 'codes', name: 'Outdoors', description: '', members: ['Weather', 'Work/Routine'] },
    ]);
    const target = join(tempDir(), 'back.quarry');
    const { report } = importRefiProject(target, 'sets.qdpx', exportQdpxBytes(p.db));
    expect(report.sets).toEqual({ cases: 1, sources: 1, codes: 2 });
    const back = ProjectDb.open(target, { readOnly: true, lock: false }).project;
    try {
      expect(setsOf(back.db)).toEqual(before);
    } finally {
      back.close();
    }
  });
});

describe('other tools’ sets on import', () => {
  const G = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  function fileWith(sets: RefiProject['sets']): RefiImportResult {
    const source = (n: number, name: string) => ({ guid: G(n), name, text: `Synthetic text number ${n}.`, selections: [], noteGuids: [], values: [] });
    const project: RefiProject = {
      name: 'Sets from elsewhere',
      users: [],
      codes: [
        { guid: G(10), name: 'Hopes', isCodable: true, children: [{ guid: G(11), name: 'Small hopes', isCodable: true, children: [], noteGuids: [] }], noteGuids: [] },
        { guid: G(12), name: 'Fears', isCodable: true, children: [], noteGuids: [] },
      ],
      variables: [],
      cases: [],
      sources: [source(1, 'One'), source(2, 'Two')],
      notes: [{ guid: G(30), name: 'A note', text: 'Remember the tide tables.' }],
      sets,
      projectNoteGuids: [G(30)],
    };
    return { project, skipped: [], positionUnit: 'codepoint', positionUnitReason: '', declared: { sources: 2, codes: 3, codings: 0, cases: 0, notes: 1 }, warnings: [] };
  }

  it('makes source sets and code sets, splits a mixed one and skips a set of notes only', () => {
    const plan = planRefiImport(
      fileWith([
        { guid: G(20), name: 'Documents', memberSourceGuids: [G(1), G(2)], memberCodeGuids: [], memberNoteGuids: [] },
        { guid: G(21), name: 'Feelings', description: 'Both ways', memberSourceGuids: [], memberCodeGuids: [G(11), G(12)], memberNoteGuids: [] },
        { guid: G(22), name: 'Mixed', memberSourceGuids: [G(2)], memberCodeGuids: [G(10)], memberNoteGuids: [G(30)] },
        { guid: G(23), name: 'Notes only', memberSourceGuids: [], memberCodeGuids: [], memberNoteGuids: [G(30)] },
      ]),
    );
    expect(plan.itemSets.map((s) => [s.kind, s.name, s.memberGuids])).toEqual([
      ['sources', 'Documents', [G(1), G(2)]],
      ['codes', 'Feelings', [G(11), G(12)]],
      ['sources', 'Mixed (sources)', [G(2)]],
      ['codes', 'Mixed (codes)', [G(10)]],
    ]);
    expect(plan.itemSets[1]!.description).toBe('Both ways');
    expect(new Set(plan.itemSets.map((s) => s.guid)).size).toBe(4);
    expect(plan.caseSets).toEqual([]);
    expect(plan.skipped.map((s) => [s.kind, s.name])).toEqual([['set', 'Notes only']]);
    expect(plan.warnings.some((w) => w.includes('“Mixed” held sources and codes') && w.includes('“Mixed (sources)”'))).toBe(true);
  });
});

describe('the reference samples’ sets arrive', () => {
  const samples = sharedPath('refi', 'samples');
  // Counts found in the samples (December 2026). Both are bare .qde files without their texts, so no
  // source is imported and the source sets arrive empty; the code groups keep their codes.
  const expected: [string, { sources: number; codes: number }, Record<string, number>][] = [
    // MAXQDA 24.7: two document sets of five documents each.
    [join('maxqda-24.7.0', 'project.qde'), { sources: 2, codes: 0 }, {}],
    // ATLAS.ti 8 (Mac): eleven document groups and one empty group (“<3”, no member to tell its kind: a source set), four code groups.
    [join('atlasti-8.4.0-mac', 'Project.qde'), { sources: 12, codes: 4 }, { 'Breakfast food': 6, Feelings: 6, 'negative feelings': 4, 'positive feelings': 3 }],
  ];
  for (const [file, counts, codeMembers] of expected) {
    it(file, () => {
      const path = join(samples, file);
      if (!existsSync(path)) {
        console.warn(`REFI-QDA sample ${path} absent: its sets were not checked`);
        return;
      }
      const target = join(tempDir(), 'sample.quarry');
      const { report } = importRefiProject(target, file, new Uint8Array(readFileSync(path)), { acceptLosses: true });
      expect(report.sets).toEqual({ cases: 0, ...counts });
      expect(report.skipped.filter((s) => s.kind === 'set')).toEqual([]);
      const back = ProjectDb.open(target, { readOnly: true, lock: false }).project;
      try {
        const sets = listItemSetInfo(back.db);
        expect({ sources: sets.filter((s) => s.kind === 'sources').length, codes: sets.filter((s) => s.kind === 'codes').length }).toEqual(counts);
        expect(Object.fromEntries(sets.filter((s) => s.kind === 'codes').map((s) => [s.name, s.memberIds.length]))).toEqual(codeMembers);
      } finally {
        back.close();
      }
    });
  }
});
