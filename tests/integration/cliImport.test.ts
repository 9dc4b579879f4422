/**
 * `quarry import` end to end (in-process): all four formats, the encodings
 * that need reporting, and a batch full of bad files that must each get one
 * clear line while the good files and the project are unaffected.
 */
import { Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow } from 'docx';
import { closeSync, mkdtempSync, openSync, mkdirSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../cli/main.js';
import { buildPdf, textLines } from '../unit/importers/pdfBuilder.js';

interface Run {
  code: number;
  out: string;
  err: string;
}

async function cli(cwd: string, ...argv: string[]): Promise<Run> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t), cwd, env: { QUARRY_CODER: 'Tester' } });
  return { code, out, err };
}

async function docxBytes(): Promise<Uint8Array> {
  const cell = (t: string) => new TableCell({ children: [new Paragraph(t)] });
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph({ text: 'Interview W1', heading: HeadingLevel.HEADING_1 }),
          new Paragraph('Interviewer: Q1. Why did you join?'),
          new Paragraph('Respondent: To meet people — and sell.'),
          new Table({ rows: [new TableRow({ children: [cell('Sector'), cell('Software')] })] }),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

/** Length in code points, the unit Quarry counts characters in. */
const cps = (s: string): number => [...s].length;
const utf16le = (s: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]);
const utf16be = (s: string) => Buffer.from(utf16le(s).swap16());

describe('quarry import: formats and encodings', () => {
  const dir = mkdtempSync(join(tmpdir(), 'quarry-cli-import-'));
  const project = join(dir, 'p.quarry');

  beforeAll(async () => {
    writeFileSync(join(dir, 'Plain.txt'), 'Interviewer: Hello?\r\nRespondent: Hi 👋\r\n');
    writeFileSync(join(dir, 'Notes.md'), '# Notes\n\n*Respondent*: kept verbatim\n');
    writeFileSync(join(dir, 'Word.docx'), await docxBytes());
    writeFileSync(join(dir, 'Paper.pdf'), buildPdf({ pages: [{ content: textLines(['Interviewer: Q2. And then?', 'Respondent: It grew.']) }] }));
    writeFileSync(join(dir, 'Wide LE.txt'), utf16le('Zoë said “yes” 𝄞\n'));
    writeFileSync(join(dir, 'Wide BE.txt'), utf16be('Zoë said “yes” 𝄞\n'));
    // "Café – “quoted” €5" in Windows-1252: é=E9, –=96, “=93, ”=94, €=80.
    writeFileSync(join(dir, 'Legacy.txt'), Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x96, 0x20, 0x93, 0x71, 0x94, 0x20, 0x80, 0x35]));
    expect((await cli(dir, 'new', project)).code).toBe(0);
  });

  it('imports .txt, .md, .docx and .pdf in one run', async () => {
    const r = await cli(dir, 'import', project, 'Plain.txt', 'Notes.md', 'Word.docx', 'Paper.pdf');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out.trim().split('\n')).toEqual([
      `Imported Plain.txt as “Plain” (${cps('Interviewer: Hello?\nRespondent: Hi 👋\n')} characters)`,
      `Imported Notes.md as “Notes” (${cps('# Notes\n\n*Respondent*: kept verbatim\n')} characters)`,
      expect.stringMatching(/^Imported Word\.docx as “Word” \(\d+ characters\)$/),
      expect.stringMatching(/^Imported Paper\.pdf as “Paper” \(\d+ characters\)$/),
    ]);
    expect((await cli(dir, 'text', project, 'Plain')).out).toBe('Interviewer: Hello?\nRespondent: Hi 👋\n');
    expect((await cli(dir, 'text', project, 'Notes')).out).toBe('# Notes\n\n*Respondent*: kept verbatim\n');
    expect((await cli(dir, 'text', project, 'Word')).out).toBe(
      'Interview W1\nInterviewer: Q1. Why did you join?\nRespondent: To meet people — and sell.\nSector\tSoftware',
    );
    expect((await cli(dir, 'text', project, 'Paper')).out).toBe('Interviewer: Q2. And then?\nRespondent: It grew.');
    const sources = JSON.parse((await cli(dir, 'sources', project, '--json')).out) as { name: string; characters: number }[];
    expect(sources.map((s) => s.name).sort()).toEqual(['Notes', 'Paper', 'Plain', 'Word']);
    expect(sources.find((s) => s.name === 'Paper')!.characters).toBe(cps('Interviewer: Q2. And then?\nRespondent: It grew.'));
  });

  it('reads UTF-16 LE/BE with a BOM and reports the Windows-1252 fallback', async () => {
    const r = await cli(dir, 'import', project, 'Wide LE.txt', 'Wide BE.txt', 'Legacy.txt');
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n');
    expect(lines[0]).toBe(`Imported Wide LE.txt as “Wide LE” (${cps('Zoë said “yes” 𝄞\n')} characters)`);
    expect(lines[1]).toBe(`Imported Wide BE.txt as “Wide BE” (${cps('Zoë said “yes” 𝄞\n')} characters)`);
    expect(lines[2]).toMatch(/^Imported Legacy\.txt as “Legacy” \(13 characters\) — Legacy\.txt: the file is not valid UTF-8, so it was read as Windows-1252/);
    expect((await cli(dir, 'text', project, 'Wide LE')).out).toBe('Zoë said “yes” 𝄞\n');
    expect((await cli(dir, 'text', project, 'Wide BE')).out).toBe('Zoë said “yes” 𝄞\n');
    expect((await cli(dir, 'text', project, 'Legacy')).out).toBe('Café – “q” €5');
  });

  it('keeps --json output a list and reports the fallback on stderr', async () => {
    const r = await cli(dir, 'import', project, 'Legacy.txt', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual([{ name: 'Legacy (2)', characters: 13 }]);
    expect(r.err).toMatch(/^warning: Legacy\.txt: the file is not valid UTF-8, so it was read as Windows-1252/);
  });
});

describe('quarry import: bad input', () => {
  const dir = mkdtempSync(join(tmpdir(), 'quarry-cli-bad-'));
  const project = join(dir, 'p.quarry');
  const bad = {
    'Corrupt.docx': /^Corrupt\.docx: the file is not a valid Word document \(its zip container is damaged\)$/,
    'Locked.pdf': /^Locked\.pdf: the PDF is password-protected; remove the password/,
    'Scanned.pdf': /^Scanned\.pdf: the PDF has no text layer \(it is probably scanned images\); run it through OCR/,
    'Empty.txt': /^Empty\.txt: the file is empty$/,
    'Program.txt': /^Program\.txt: this looks like a binary file, not text$/,
    'Huge.txt': /^Huge\.txt: the file is 200 MB, larger than the import limit of 50 MB$/,
    'Missing.txt': /^Missing\.txt: no such file$/,
    'Folder.txt': /^Folder\.txt: not a file \(is it a folder\?\)$/,
    'Slides.pptx': /^Slides\.pptx: Quarry cannot import \.pptx files; supported types are \.txt, \.md, \.docx, \.pdf, \.vtt and \.srt \(and recordings: \.mp3, \.m4a, \.aac, \.wav, \.ogg, \.opus, \.mp4, \.webm\)$/,
  };

  beforeAll(async () => {
    const docx = await docxBytes();
    // A real .docx cut in half: the zip's central directory is gone.
    writeFileSync(join(dir, 'Corrupt.docx'), docx.subarray(0, Math.floor(docx.length / 2)));
    writeFileSync(join(dir, 'Locked.pdf'), buildPdf({ pages: [{ content: textLines(['secret']) }], encrypted: true }));
    writeFileSync(join(dir, 'Scanned.pdf'), buildPdf({ pages: [{ content: 'q 200 0 0 200 72 500 cm /Im1 Do Q' }], withImage: true }));
    writeFileSync(join(dir, 'Empty.txt'), '');
    writeFileSync(join(dir, 'Program.txt'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0, 3, 0, 0x3e, 0]));
    // 200 MB without writing 200 MB: a sparse file. The importer must refuse it from its size.
    closeSync(openSync(join(dir, 'Huge.txt'), 'w'));
    truncateSync(join(dir, 'Huge.txt'), 200 * 1024 * 1024);
    mkdirSync(join(dir, 'Folder.txt'));
    writeFileSync(join(dir, 'Slides.pptx'), 'PK');
    writeFileSync(join(dir, 'Good A.txt'), 'Respondent: fine\n');
    writeFileSync(join(dir, 'Good B.md'), 'Respondent: also fine\n');
    expect((await cli(dir, 'new', project)).code).toBe(0);
    expect((await cli(dir, 'import', project, 'Good A.txt')).code).toBe(0);
  });

  const info = async () => JSON.parse((await cli(dir, 'info', project, '--json')).out) as Record<string, number>;

  it('gives each bad file one clear line and changes nothing when all are bad', async () => {
    const before = await info();
    const r = await cli(dir, 'import', project, ...Object.keys(bad));
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    const lines = r.err.trim().split('\n');
    expect(lines).toHaveLength(Object.keys(bad).length);
    Object.values(bad).forEach((re, i) => expect(lines[i]).toMatch(re));
    // No stack traces, paths or library internals in any message.
    expect(r.err).not.toMatch(/\bat \w|node_modules|Error:|\/tmp\//);
    expect(await info()).toEqual(before);
  });

  it('imports the good files of a mixed batch and reports the bad ones', async () => {
    const before = await info();
    const r = await cli(dir, 'import', project, 'Corrupt.docx', 'Good B.md', 'Huge.txt', 'Empty.txt', 'Good A.txt', 'Locked.pdf');
    expect(r.code).toBe(1);
    expect(r.out.trim().split('\n')).toEqual([
      `Imported Good B.md as “Good B” (${cps('Respondent: also fine\n')} characters)`,
      `Imported Good A.txt as “Good A (2)” (${cps('Respondent: fine\n')} characters)`,
    ]);
    expect(r.err.trim().split('\n')).toHaveLength(4);
    expect(await info()).toEqual({ ...before, sources: before.sources! + 2 });
    expect((await cli(dir, 'text', project, 'Good B')).out).toBe('Respondent: also fine\n');
  });
});
