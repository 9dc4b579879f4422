/**
 * Import repairs for files other tools export (issue 16, item 3): dangling
 * case links, duplicate cases, annotations, folder codes, provenance and
 * colourless codes. The files are written here (synthetic text, shaped the
 * way QualCoder writes its exports); the qc 1.3.2 sample beside the checkout
 * is read when present.
 */
import { describe, it, expect } from 'vitest';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importRefiProject, previewRefiImport } from '../../shared/services/refiService.js';
import { ProjectDb } from '../../shared/db/projectDb.js';
import { sharedPath } from '../sharedReference.js';
import { tempDir } from './caseFixtures.js';
import { annotationFile, folderFile, G, MARIA, provenanceFile, qdpx, TEXTS, TOM } from './refiRepairFixtures.js';
import { parseXmlTree, type XmlElement } from '../../shared/refi/xmlTree.js';
import { updateMemo } from '../../shared/store/memosStore.js';
import { nameDerivedGuid } from '../../shared/refi/refiCaseLinks.js';
import { codeTree, mergeCodes } from '../../shared/services/codeService.js';
import { applyCoding } from '../../shared/services/codingService.js';
import { getCodeRow, updateCode } from '../../shared/store/codesStore.js';
import { projectToRefi } from '../../shared/refi/projectToRefi.js';
import { writeQde, writeQdpx } from '../../shared/refi/qdpxWriter.js';
import { readRefiPackage } from '../../shared/refi/qdpxReader.js';
import { planRefiImport } from '../../shared/refi/refiImportPlan.js';
import { runCli } from '../../cli/main.js';
import { applyMerge } from '../../shared/services/mergeService.js';


/**
 * Shaped like a QualCoder export: each case's SourceRef holds an identifier
 * that is no source's GUID, and the participants' variables are on the
 * sources as well as on the cases.
 */
function qualcoderLike(): string {
  const v = (varGuid: string, value: string) => `<VariableValue><VariableRef targetGUID="${varGuid}"/><TextValue>${value}</TextValue></VariableValue>`;
  const age = G(900);
  const site = G(901);
  const src = (guid: string, file: string, name: string, vals: string) =>
    `<TextSource guid="${guid}" name="${name}" plainTextPath="internal://${file}">${vals}</TextSource>`;
  return `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Lost links" origin="QualCoder 3.6">
<Users><User guid="${G(1)}" name="maria"/></Users>
<CodeBook><Codes><Code guid="${G(10)}" name="Water" isCodable="true" color="#3366CC"/></Codes></CodeBook>
<Variables><Variable guid="${age}" name="Age band" typeOfVariable="Text"/><Variable guid="${site}" name="Site" typeOfVariable="Text"/></Variables>
<Cases>
<Case guid="${G(100)}" name="ann">${v(age, '30-39')}${v(site, 'North')}<SourceRef targetGUID="${G(7001)}"/></Case>
<Case guid="${G(101)}" name="Bo.txt">${v(age, '40-49')}${v(site, 'South')}<SourceRef targetGUID="${G(7002)}"/></Case>
<Case guid="${G(102)}" name="Participant C">${v(age, '50-59')}${v(site, 'East')}<SourceRef targetGUID="${G(7003)}"/></Case>
<Case guid="${G(103)}" name="Participant Z">${v(age, '60-69')}${v(site, 'West')}<SourceRef targetGUID="${G(7004)}"/></Case>
</Cases>
<Sources>
${src(G(200), 'ann.txt', 'ann', v(age, '30-39') + v(site, 'North'))}
${src(G(201), 'bo.txt', 'bo', v(age, '40-49') + v(site, 'South'))}
${src(G(202), 'cy.txt', 'cy', v(age, '50-59') + v(site, 'East'))}
${src(G(203), 'dee.txt', 'dee', v(age, '20-29') + v(site, 'North'))}
</Sources>
</Project>`;
}

function importInto(bytes: Uint8Array, fileName = 'in.qdpx'): { db: ProjectDb['db']; report: ReturnType<typeof previewRefiImport>; close: () => void } {
  const path = join(tempDir('quarry-repairs-'), 'imported.quarry');
  const { report, project } = importRefiProject(path, fileName, bytes, { acceptLosses: true, keepOpen: true });
  return { db: project!.db, report, close: () => project!.close() };
}

/** Each source's case, by source name. */
const linkedSources = (db: ProjectDb['db']) =>
  db.prepare(`SELECT s.name AS source, c.name AS kase FROM sources s LEFT JOIN cases c ON c.id = s.case_id ORDER BY s.name COLLATE NOCASE`).all();

describe('dangling case links', () => {
  it('links a case to its source by name or by variables, and never makes a second case for a participant', () => {
    const { db, report, close } = importInto(qdpx(qualcoderLike(), TEXTS));
    try {
      // 4 cases in the file, 4 in the project: Dee (no case of her own) is the only source-made case.
      const cases = db.prepare(`SELECT name FROM cases ORDER BY name COLLATE NOCASE`).pluck().all();
      expect(cases).toEqual(['ann', 'Bo.txt', 'dee', 'Participant C', 'Participant Z']);
      expect(report.cases).toBe(4);
      expect(linkedSources(db)).toEqual([
        { source: 'ann', kase: 'ann' },
        { source: 'bo', kase: 'Bo.txt' },
        { source: 'cy', kase: 'Participant C' },
        { source: 'dee', kase: 'dee' },
      ]);
      expect(report.caseLinks).toEqual({ byName: 2, byVariables: 1, joinedExisting: 0, unmatched: [`Participant Z → ${G(7004)}`] });
      expect(report.warnings).toContain('Repaired: 3 case link(s) pointed at no source in the file; 2 matched by name, 1 by variables.');
      expect(report.skipped).toContainEqual({
        kind: 'link',
        name: `Participant Z → ${G(7004)}`,
        reason: 'the case refers to a source that is not in the file, and no single source has its name or its variable values',
      });
      // Each case keeps its values once (the source's identical values did not duplicate them).
      const values = db.prepare(`SELECT count(*) FROM attribute_values`).pluck().get();
      expect(values).toBe(5 * 2);
    } finally {
      close();
    }
  });

  it('joins a source whose values are an existing case’s to that case instead of making another', () => {
    // The case names no source at all (the link was dropped), the source carries the same values.
    const xml = qualcoderLike()
      .replace(/<SourceRef targetGUID="[^"]+"\/>/g, '')
      .replace(/<Case guid="[^"]+" name="Participant Z">.*?<\/Case>/s, '');
    const { db, report, close } = importInto(qdpx(xml, TEXTS));
    try {
      expect(linkedSources(db)).toEqual([
        { source: 'ann', kase: 'ann' },
        { source: 'bo', kase: 'Bo.txt' },
        { source: 'cy', kase: 'Participant C' },
        { source: 'dee', kase: 'dee' },
      ]);
      expect(db.prepare(`SELECT count(*) FROM cases`).pluck().get()).toBe(4);
      expect(report.caseLinks.joinedExisting).toBe(3);
      expect(report.warnings).toContain('Repaired: 3 source(s) carry the same variable values as an existing case and joined it instead of becoming a second case.');
    } finally {
      close();
    }
  });

  it('imports the qc 1.3.2 sample with its true number of cases (none) and both its sources', () => {
    const sample = sharedPath('refi', 'samples', 'qc-1.3.2', 'demo.qdpx');
    if (!existsSync(sample)) {
      console.warn(`${sample} not found: the qc sample check did not run`);
      return;
    }
    const { db, report, close } = importInto(new Uint8Array(readFileSync(sample)), 'demo.qdpx');
    try {
      // The file has no <Cases> at all and no variables: nothing to link, nothing invented.
      expect(report.declared.cases).toBe(0);
      expect(db.prepare(`SELECT count(*) FROM cases`).pluck().get()).toBe(0);
      expect(db.prepare(`SELECT name FROM sources ORDER BY name`).pluck().all()).toEqual(['admin-1', 'board_2017']);
      expect(report.caseLinks).toEqual({ byName: 0, byVariables: 0, joinedExisting: 0, unmatched: [] });
    } finally {
      close();
    }
  });
});

describe('folder codes and colourless codes', () => {
  it('keeps a folder code a folder (refused by coding, the CLI and merging) and writes it back isCodable="false"', async () => {
    const path = join(tempDir('quarry-repairs-'), 'folders.quarry');
    const { report, project } = importRefiProject(path, 'folders.qdpx', qdpx(folderFile(), { 'ann.txt': TEXTS['ann.txt'] }), { acceptLosses: true, keepOpen: true });
    const db = project!.db;
    try {
      // A code the file gives no colour has none (NULL), not a default.
      const rows = db.prepare(`SELECT name, is_codable AS codable, color IS NOT NULL AS coloured FROM codes ORDER BY name`).all();
      expect(rows).toEqual([
        { name: 'Bakery', codable: 1, coloured: 0 },
        { name: 'Moods', codable: 1, coloured: 1 },
        { name: 'Places', codable: 0, coloured: 0 },
        { name: 'River', codable: 1, coloured: 1 },
      ]);
      expect(report.warnings).toContain('1 code(s) are folders that cannot be applied; they stay folders in Quarry.');
      expect(report.warnings).toContain('1 code(s) marked as folders are applied to text in the file; Quarry keeps them as ordinary codes so no coding is lost.');
      const tree = codeTree(db);
      expect(tree.find((n) => n.name === 'Places')).toMatchObject({ isCodable: false, color: null, colorChosen: false });

      const ctx = { project: project!, coderName: 'maria' };
      const placesId = db.prepare(`SELECT id FROM codes WHERE name = 'Places'`).pluck().get() as number;
      const riverId = db.prepare(`SELECT id FROM codes WHERE name = 'River'`).pluck().get() as number;
      const sourceId = db.prepare(`SELECT id FROM sources`).pluck().get() as number;
      const message = '“Places” is a folder: it groups codes and cannot be applied to text. Code the passage at one of its codes, or at a code of its own.';
      expect(() => applyCoding(ctx, { sourceId, start: 10, end: 20, codeId: placesId })).toThrow(message);
      expect(() => mergeCodes(ctx, { from: riverId, into: placesId })).toThrow(message);
      // Underneath the services, the database refuses it too.
      expect(() => db.prepare(`INSERT INTO codings(guid, source_id, code_id, start_pos, end_pos, coder_id, created_at) VALUES ('x', ?, ?, 0, 2, 1, 'now')`).run(sourceId, placesId)).toThrow(
        'a folder code cannot be applied',
      );
      expect(applyCoding(ctx, { sourceId, start: 10, end: 20, codeId: riverId }).codeId).toBe(riverId);

      const { project: refi } = projectToRefi(db);
      const places = refi.codes.find((c) => c.name === 'Places')!;
      expect(places.isCodable).toBe(false);
      expect(places.color).toBeUndefined();
      expect(places.children.find((c) => c.name === 'Bakery')!.color).toBeUndefined();
      expect(places.children.find((c) => c.name === 'River')!.color).toBe('#3366CC');
      const xml = writeQde(refi);
      expect(xml).toMatch(new RegExp(`<Code guid="${G(20)}" name="Places" isCodable="false">`));
      expect(xml).toMatch(new RegExp(`<Code guid="${G(22)}" name="Bakery" isCodable="true"/>`));
    } finally {
      project!.close();
    }

    let out = '';
    let err = '';
    const exit = await runCli(['code', path, 'ann', '10', '20', 'Places'], { out: (t) => (out += t), err: (t) => (err += t), cwd: tempDir(), env: {} });
    expect(exit).toBe(1);
    expect(err).toContain('“Places” is a folder');
    expect(out).toBe('');
  });

  it('merges a co-author’s codings at a code that is a folder here: the code becomes an ordinary code, nothing is refused', async () => {
    const dir = tempDir('quarry-repairs-');
    const mine = join(dir, 'mine.quarry');
    const { project } = importRefiProject(mine, 'folders.qdpx', qdpx(folderFile(), { 'ann.txt': TEXTS['ann.txt'] }), { acceptLosses: true, keepOpen: true });
    project!.close();
    const theirs = join(dir, 'theirs.quarry');
    copyFileSync(mine, theirs);
    const other = ProjectDb.open(theirs).project;
    try {
      // In the co-author's copy "Places" is an ordinary code (their own folder flag was cleared), and they coded at it.
      other.db.prepare(`UPDATE codes SET is_codable = 1 WHERE name = 'Places'`).run();
      const placesId = other.db.prepare(`SELECT id FROM codes WHERE name = 'Places'`).pluck().get() as number;
      const sourceId = other.db.prepare(`SELECT id FROM sources`).pluck().get() as number;
      applyCoding({ project: other, coderName: 'tom' }, { sourceId, start: 4, end: 9, codeId: placesId });
    } finally {
      other.close();
    }
    const here = ProjectDb.open(mine).project;
    try {
      await applyMerge({ project: here, coderName: 'maria' }, theirs);
      const places = here.db.prepare(`SELECT is_codable AS codable, (SELECT COUNT(*) FROM codings WHERE code_id = codes.id) AS n FROM codes WHERE name = 'Places'`).get();
      expect(places).toEqual({ codable: 1, n: 1 });
    } finally {
      here.close();
    }
  });

  it('gives a colourless code a colour when the user sets one, and takes it away with none', () => {
    const path = join(tempDir('quarry-repairs-'), 'colour.quarry');
    const { project } = importRefiProject(path, 'folders.qdpx', qdpx(folderFile(), { 'ann.txt': TEXTS['ann.txt'] }), { acceptLosses: true, keepOpen: true });
    try {
      const db = project!.db;
      const bakery = db.prepare(`SELECT id, color FROM codes WHERE name = 'Bakery'`).get() as { id: number; color: string | null };
      expect(bakery.color).toBeNull();
      updateCode(db, bakery.id, { name: 'Bakery', color: bakery.color, description: 'renamed only' });
      expect(getCodeRow(db, bakery.id)).toMatchObject({ color: null, colorChosen: false });
      updateCode(db, bakery.id, { name: 'Bakery', color: '#00ff00', description: '' });
      expect(getCodeRow(db, bakery.id)).toMatchObject({ color: '#00ff00', colorChosen: true });
      expect(projectToRefi(db).project.codes.flatMap((c) => [c, ...c.children]).find((c) => c.name === 'Bakery')!.color).toBe('#00FF00');
      updateCode(db, bakery.id, { name: 'Bakery', color: null, description: '' });
      expect(getCodeRow(db, bakery.id)).toMatchObject({ color: null, colorChosen: false });
      expect(projectToRefi(db).project.codes.flatMap((c) => [c, ...c.children]).find((c) => c.name === 'Bakery')!.color).toBeUndefined();
    } finally {
      project!.close();
    }
  });
});

describe('annotations', () => {
  it('keeps a note on a selection as an annotation of that span, coded or not, and writes it back with its range', () => {
    const { db, report, close } = importInto(qdpx(annotationFile(), { 'ann.txt': TEXTS['ann.txt'] }));
    try {
      expect(report.notes).toBe(2);
      const memos = db.prepare(`SELECT title, target, start_pos AS start, end_pos AS "end", coding_id AS codingId FROM memos ORDER BY start_pos`).all();
      expect(memos).toEqual([
        { title: 'river', target: 'span', start: 33, end: 42, codingId: null },
        { title: 'queue', target: 'span', start: 51, end: 66, codingId: null },
      ]);
      const text = TEXTS['ann.txt'];
      expect([...text].slice(33, 42).join('')).toBe('the river');

      const back = readRefiPackage('again.qdpx', writeQdpx(projectToRefi(db).project));
      const notes = back.project.notes.map((n) => ({ name: n.name, selection: n.selection && { start: n.selection.start, end: n.selection.end } }));
      expect(notes.sort((a, b) => a.selection!.start - b.selection!.start)).toEqual([
        { name: 'river', selection: { start: 33, end: 42 } },
        { name: 'queue', selection: { start: 51, end: 66 } },
      ]);
      // Read back, they are annotations again: the round trip is stable.
      const again = planRefiImport(back);
      expect(again.memos.map((m) => [m.title, m.target, m.start, m.end])).toEqual(
        expect.arrayContaining([
          ['river', 'span', 33, 42],
          ['queue', 'span', 51, 66],
        ]),
      );
    } finally {
      close();
    }
  });
});

const PROVENANCE = ['creatingUser', 'creatingUserGUID', 'creationDateTime', 'modifyingUser', 'modifyingUserGUID', 'modifiedDateTime'];
const provenanceOf = (el: XmlElement): Record<string, string> => Object.fromEntries(PROVENANCE.filter((a) => el.attrs[a] !== undefined).map((a) => [a, el.attrs[a]!]));
const find = (el: XmlElement, name: string, guid: string): XmlElement | undefined =>
  el.name === name && el.attrs['guid'] === guid ? el : el.children.map((c) => find(c, name, guid)).find((x) => x !== undefined);
/** The selection holding the coding `codingGuid` (Quarry writes its own selection GUID around each coding). */
const selectionOf = (el: XmlElement, codingGuid: string): XmlElement | undefined =>
  el.name === 'PlainTextSelection' && el.children.some((c) => c.name === 'Coding' && c.attrs['guid'] === codingGuid)
    ? el
    : el.children.map((c) => selectionOf(c, codingGuid)).find((x) => x !== undefined);

describe('provenance', () => {
  it('writes back the file’s creators, modifiers and dates, element by element', () => {
    const { db, close } = importInto(qdpx(provenanceFile(), { 'ann.txt': TEXTS['ann.txt'] }));
    try {
      // Imported by someone else, then exported: none of it becomes the importer or now.
      const before = parseXmlTree('in.qde', provenanceFile(), 'the project');
      const after = parseXmlTree('out.qde', writeQde(projectToRefi(db).project), 'the export');
      expect(provenanceOf(after)).toEqual(provenanceOf(before));
      expect(provenanceOf(after)).toEqual({ creatingUserGUID: TOM, creationDateTime: '2023-01-02T03:04:05Z', modifyingUserGUID: MARIA, modifiedDateTime: '2024-06-07T08:09:10Z' });
      for (const [name, guid] of [['TextSource', G(200)], ['Coding', G(321)], ['Note', G(410)]] as const) {
        expect(provenanceOf(find(after, name, guid)!), `${name} ${guid}`).toEqual(provenanceOf(find(before, name, guid)!));
      }
      const selection = provenanceOf(selectionOf(after, G(321))!);
      expect(selection).toEqual(provenanceOf(selectionOf(before, G(321))!));
      expect(selection['creatingUser']).toBe(TOM);
      expect(db.prepare(`SELECT u.name FROM codings c JOIN users u ON u.id = c.coder_id`).pluck().get()).toBe('maria');

      const schema = sharedPath('refi', 'schemas', 'Project-mrt2019.xsd');
      if (existsSync(schema) && existsSync('/usr/bin/xmllint')) {
        const file = join(tempDir(), 'project.qde');
        writeFileSync(file, writeQde(projectToRefi(db).project));
        expect(() => execFileSync('/usr/bin/xmllint', ['--noout', '--schema', schema, file], { stdio: 'pipe' })).not.toThrow();
      } else {
        console.warn('REFI-QDA schema or xmllint absent: the export with provenance was not validated');
      }
    } finally {
      close();
    }
  });

  it('forgets a memo’s recorded modifier once the memo is edited here', () => {
    const { db, close } = importInto(qdpx(provenanceFile(), { 'ann.txt': TEXTS['ann.txt'] }));
    try {
      const id = db.prepare(`SELECT id FROM memos`).pluck().get() as number;
      updateMemo(db, id, 'about ann', 'Second visit done.');
      const note = projectToRefi(db).project.notes[0]!;
      expect(note.modifyingUserGuid).toBeUndefined();
      expect(note.creatingUserGuid).toBe(TOM);
    } finally {
      close();
    }
  });
});

describe('name-derived source identifiers', () => {
  it('reproduces the identifiers of the qc 1.3.2 sample from its file names', () => {
    // demo.qdpx: <TextSource plainTextPath="board_2017.txt" guid="33663939-…"> and admin-1.txt likewise.
    expect(nameDerivedGuid('board_2017.txt')).toBe('33663939-3636-3632-3038-613431643463');
    expect(nameDerivedGuid('admin-1.txt')).toBe('66653866-6334-3535-3435-366637306566');
  });

  it('links a case whose SourceRef is a source’s name-derived identifier, though the source has another GUID', () => {
    const xml = qualcoderLike().replace(`<SourceRef targetGUID="${G(7004)}"/>`, `<SourceRef targetGUID="${nameDerivedGuid('dee.txt')}"/>`);
    const { db, report, close } = importInto(qdpx(xml, TEXTS));
    try {
      expect(linkedSources(db)).toContainEqual({ source: 'dee', kase: 'Participant Z' });
      expect(db.prepare(`SELECT count(*) FROM cases`).pluck().get()).toBe(4);
      expect(report.caseLinks).toEqual({ byName: 3, byVariables: 1, joinedExisting: 0, unmatched: [] });
    } finally {
      close();
    }
  });
});
