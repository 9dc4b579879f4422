/**
 * Import repairs for files other tools export (issue 16, item 3): dangling
 * case links, duplicate cases, annotations, folder codes, provenance and
 * colourless codes. The files are written here (synthetic text, shaped the
 * way QualCoder writes its exports); the qc 1.3.2 sample beside the checkout
 * is read when present.
 */
import { describe, it, expect } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { importRefiProject, previewRefiImport } from '../../shared/services/refiService.js';
import { ProjectDb } from '../../shared/db/projectDb.js';
import { sharedPath } from '../sharedReference.js';
import { tempDir } from './caseFixtures.js';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const G = (n: number): string => `0000${n.toString(16).padStart(4, '0')}-1111-4222-8333-444455556666`;

/** A .qdpx whose project.qde is `qde` and whose sources are `texts` (file name → text). */
function qdpx(qde: string, texts: Record<string, string>): Uint8Array {
  const files: Record<string, Uint8Array> = { 'project.qde': enc(qde) };
  for (const [name, text] of Object.entries(texts)) files[`sources/${name}`] = enc(text);
  return zipSync(files);
}

const TEXTS = {
  'ann.txt': 'Ann talks about the allotment by the river and the queue for water.\n',
  'bo.txt': 'Bo describes the night shift at the bakery and the smell of rye.\n',
  'cy.txt': 'Cy remembers the ferry timetable changing every spring.\n',
  'dee.txt': 'Dee keeps a list of every bus that ran late in March.\n',
};

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

describe('dangling case links', () => {
  it('links a case to its source by name or by variables, and never makes a second case for a participant', () => {
    const { db, report, close } = importInto(qdpx(qualcoderLike(), TEXTS));
    try {
      // 4 cases in the file, 4 in the project: Dee (no case of her own) is the only source-made case.
      const cases = db.prepare(`SELECT name FROM cases ORDER BY name COLLATE NOCASE`).pluck().all();
      expect(cases).toEqual(['ann', 'Bo.txt', 'dee', 'Participant C', 'Participant Z']);
      expect(report.cases).toBe(4);
      const linked = db
        .prepare(`SELECT s.name AS source, c.name AS kase FROM sources s LEFT JOIN cases c ON c.id = s.case_id ORDER BY s.name COLLATE NOCASE`)
        .all();
      expect(linked).toEqual([
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
      const linked = db
        .prepare(`SELECT s.name AS source, c.name AS kase FROM sources s LEFT JOIN cases c ON c.id = s.case_id ORDER BY s.name COLLATE NOCASE`)
        .all();
      expect(linked).toEqual([
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
