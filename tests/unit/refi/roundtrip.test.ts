import { describe, it, expect } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { writeQdpx, writeQdc, writeQde } from '../../../shared/refi/qdpxWriter.js';
import { readRefiPackage, readCodebook } from '../../../shared/refi/qdpxReader.js';
import type { RefiCode, RefiProject } from '../../../shared/refi/refiModel.js';
import { QuarryError } from '../../../shared/errors.js';
import { buildNeutralProject, guid, TEXT_A } from './neutralProject.js';
import { sharedPath } from '../../sharedReference.js';

const SCHEMAS = sharedPath('refi', 'schemas');
const XMLLINT = '/usr/bin/xmllint';

/** Runs xmllint against a schema; returns its diagnostics, or undefined when it cannot run here. */
function xsdErrors(xml: string, schema: string): string | undefined {
  if (!existsSync(join(SCHEMAS, schema)) || !existsSync(XMLLINT)) {
    console.warn(`REFI-QDA schema ${join(SCHEMAS, schema)} or ${XMLLINT} is absent: skipping XSD validation`);
    return undefined;
  }
  const dir = mkdtempSync(join(tmpdir(), 'quarry-refi-'));
  try {
    const file = join(dir, 'doc.xml');
    writeFileSync(file, xml);
    try {
      execFileSync(XMLLINT, ['--noout', '--schema', join(SCHEMAS, schema), file], { stdio: 'pipe' });
      return '';
    } catch (err) {
      return String((err as { stderr?: Buffer }).stderr ?? err);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const stripNotes = (codes: RefiCode[]): RefiCode[] => codes.map((c) => ({ ...c, noteGuids: [], children: stripNotes(c.children) }));

describe('REFI-QDA round trip', () => {
  it('writes a .qdpx that reads back to the same model', () => {
    const project = buildNeutralProject();
    const result = readRefiPackage('roundtrip.qdpx', writeQdpx(project));
    expect(result.skipped).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.positionUnit).toBe('codepoint');
    expect(result.positionUnitReason).toContain('Quarry');
    expect(result.project).toEqual(project);
    expect(result.declared).toEqual({ sources: 2, codes: 7, codings: 9, cases: 2, notes: 7 });
  });

  it('lays out the package as the spec says: project.qde plus sources/<GUID>.txt in UTF-8', () => {
    const project = buildNeutralProject();
    const files = unzipSync(writeQdpx(project));
    expect(Object.keys(files)).toEqual(['project.qde', `sources/${guid(40)}.txt`, `sources/${guid(41)}.txt`]);
    expect(new TextDecoder().decode(files[`sources/${guid(40)}.txt`])).toBe(TEXT_A);
    const qde = new TextDecoder().decode(files['project.qde']);
    expect(qde).toContain(`plainTextPath="internal://${guid(40)}.txt"`);
    expect(qde.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
    // Offsets are code points: the 🙂 after "feel? " starts where Array.from says.
    const start = Array.from(TEXT_A).indexOf('🙂');
    expect(qde).toContain(`startPosition="${start}" endPosition="${start + 1}"`);
  });

  it('is deterministic', () => {
    const a = writeQdpx(buildNeutralProject());
    const b = writeQdpx(buildNeutralProject());
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it('writes a project.qde that validates against Project-mrt2019.xsd', () => {
    const errors = xsdErrors(writeQde(buildNeutralProject()), 'Project-mrt2019.xsd');
    if (errors === undefined) return;
    expect(errors).toBe('');
  });

  it('writes a minimal project (no optional parts) that validates', () => {
    const minimal: RefiProject = { name: 'Empty', users: [], codes: [], variables: [], cases: [], sources: [], notes: [], sets: [], projectNoteGuids: [] };
    const back = readRefiPackage('empty.qdpx', writeQdpx(minimal)).project;
    expect(back).toEqual({ ...minimal, origin: 'Quarry' });
    const errors = xsdErrors(writeQde(minimal), 'Project-mrt2019.xsd');
    if (errors === undefined) return;
    expect(errors).toBe('');
  });

  it('writes a .qdc that validates and reads back', () => {
    const project = buildNeutralProject();
    const qdc = writeQdc(project.codes, project.sets);
    const back = readCodebook('codes.qdc', qdc);
    expect(back.warnings).toEqual([]);
    expect(back.codes).toEqual(stripNotes(project.codes));
    expect(back.sets).toEqual(project.sets.map((s) => ({ ...s, memberSourceGuids: [], memberNoteGuids: [] })));
    const errors = xsdErrors(qdc, 'Codebook-mrt2019.xsd');
    if (errors === undefined) return;
    expect(errors).toBe('');
  });

  it('escapes XML metacharacters and drops characters XML 1.0 cannot carry', () => {
    const project = buildNeutralProject();
    const code = project.codes[2] as RefiCode;
    code.name = 'A & B <c> "d" \u0001bell\u0007 \ud800lone';
    code.description = 'line1\r\nline2\ttab ]]> end';
    const qde = writeQde(project);
    expect(qde.includes('\u0001') || qde.includes('\u0007')).toBe(false);
    const back = readRefiPackage('escape.qdpx', writeQdpx(project)).project.codes[2] as RefiCode;
    expect(back.name).toBe('A & B <c> "d" bell lone');
    expect(back.description).toBe('line1\r\nline2\ttab ]]> end');
    const errors = xsdErrors(qde, 'Project-mrt2019.xsd');
    if (errors === undefined) return;
    expect(errors).toBe('');
  });

  it('keeps a note with characters XML cannot carry intact by writing it to a file', () => {
    const project = buildNeutralProject();
    const note = project.notes[1];
    if (note) note.text = 'page one\fpage two \u0001';
    const files = unzipSync(writeQdpx(project));
    expect(new TextDecoder().decode(files[`sources/${guid(31)}.txt`])).toBe('page one\fpage two \u0001');
    expect(readRefiPackage('ff.qdpx', writeQdpx(project)).project).toEqual(project);
  });

  it('refuses to export a model that would make a broken file', () => {
    const crlf = buildNeutralProject();
    const source = crlf.sources[1];
    if (source) source.text = source.text.replace('\n', '\r\n');
    expect(() => writeQdpx(crlf)).toThrow(/is not normalised/);

    const badGuid = buildNeutralProject();
    (badGuid.codes[0] as RefiCode).guid = 'code-1';
    expect(() => writeQdpx(badGuid)).toThrow(/not a GUID/);

    const outside = buildNeutralProject();
    const sel = outside.sources[0]?.selections[0];
    if (sel) sel.end = 10_000;
    expect(() => writeQdpx(outside)).toThrow(QuarryError);

    const dangling = buildNeutralProject();
    const coding = dangling.sources[0]?.selections[0]?.codings[0];
    if (coding) coding.codeGuid = guid(999);
    expect(() => writeQdpx(dangling)).toThrow(/not in the project/);

    expect(() => writeQdc([])).toThrow(/at least one code/);
  });

  it('writes the origin as Quarry even when the model carries a foreign one', () => {
    // Readers choose the offset unit by origin: an "NVivo" origin on code-point offsets would corrupt a re-import.
    const project = { ...buildNeutralProject(), origin: 'NVivo for Windows 12.6' };
    const result = readRefiPackage('origin.qdpx', writeQdpx(project));
    expect(result.project.origin).toBe('Quarry');
    expect(result.project.sources).toEqual(project.sources);
  });
});
