import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { ProjectDb } from '../../../shared/db/projectDb.js';
import { buildDemoProject } from '../../../shared/demo/buildDemo.js';
import { classificationTableToCsv } from '../../../shared/exporters/classificationCsv.js';
import { classificationTableToDocx } from '../../../shared/exporters/classificationDocx.js';
import { codebookToDocx } from '../../../shared/exporters/codebookDocx.js';
import { loadClassificationTable } from '../../../shared/exporters/loadClassification.js';
import { loadCodebook } from '../../../shared/exporters/loadCodebook.js';
import { loadQuotesReport } from '../../../shared/exporters/loadQuotes.js';
import { quotesReportToDocx } from '../../../shared/exporters/quotesDocx.js';
import { parseClassificationCsv } from '../../../shared/cases/classificationCsv.js';
import { cellText, inspectDocx } from './docxInspect.js';

let dir: string;
let project: ProjectDb;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'quarry-exports-'));
  await buildDemoProject(join(dir, 'demo.quarry'));
  project = ProjectDb.open(join(dir, 'demo.quarry'), { readOnly: true, lock: false }).project;
});
afterAll(() => {
  project?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('case classification (Table 1)', () => {
  it('groups the demo cases by Group in the order of its choices, cases in natural order', () => {
    const t = loadClassificationTable(project.db, { groupBy: 'group', attributes: ['Role', 'Firm type', 'Membership'] });
    expect(t.groupBy?.name).toBe('Group');
    expect(t.groups.map((g) => [g.label, g.rows.length])).toEqual([
      ['Intermediary', 5],
      ['Entrepreneur', 9],
    ]);
    expect(t.groups[1]!.rows.map((r) => r.caseName)).toEqual(['E1', 'E2', 'E3', 'E4', 'E5', 'E6', 'E7', 'E8', 'E9']);
    expect(t.columns.map((c) => c.name)).toEqual(['Role', 'Firm type', 'Membership']);
    expect(t.caption).toBe('Table 1: Participants by group');
  });

  it('writes a Word table with spanning group sub-heading rows', async () => {
    const t = loadClassificationTable(project.db, { groupBy: 'Group', attributes: ['Role', 'Membership'], caption: 'Table 1: Interviewee characteristics' });
    const doc = inspectDocx(await classificationTableToDocx(t));
    expect(doc.paragraphs[0]).toMatchObject({ style: 'Caption', text: 'Table 1: Interviewee characteristics' });
    const rows = doc.tables[0]!.rows;
    expect(rows).toHaveLength(1 + 2 + 14);
    expect(rows[0]!.map(cellText)).toEqual(['Case', 'Role', 'Membership']);
    expect(rows[1]).toHaveLength(1);
    expect(rows[1]![0]).toMatchObject({ span: 3, fill: 'F2F2F2' });
    expect(cellText(rows[1]![0]!)).toBe('Intermediary (n = 5)');
    expect(rows[2]!.map(cellText)).toEqual(['I1', 'Economic development officer', '\u2013']);
    expect(cellText(rows[7]![0]!)).toBe('Entrepreneur (n = 9)');
    expect(rows[8]!.map(cellText)).toEqual(['E1', 'Managing director', 'New']);
  });

  it('writes CSV that re-imports as a classification sheet, the group column first', () => {
    const t = loadClassificationTable(project.db, { groupBy: 'Group', attributes: ['Membership'] });
    const csv = classificationTableToCsv(t);
    const sheet = parseClassificationCsv('cases.csv', new TextEncoder().encode(csv));
    expect(sheet.headers).toEqual(['Group', 'Membership']);
    expect(sheet.rows.map((r) => r.caseName).slice(0, 6)).toEqual(['I1', 'I2', 'I3', 'I4', 'I5', 'E1']);
    expect(sheet.rows[0]!.cells).toEqual(['Intermediary', 'Not applicable']);
    expect(Papa.parse(csv.slice(1)).data[6]).toEqual(['E1', 'Entrepreneur', 'New']);
  });

  it('refuses an unknown attribute, naming the ones there are', () => {
    expect(() => loadClassificationTable(project.db, { groupBy: 'Sector' })).toThrow(/no attribute called “Sector”. The attributes are: Group, Role/);
  });
});

describe('codebook', () => {
  it('lists every code with counts, examples and the interview guide as a Table 2-style table', async () => {
    const book = loadCodebook(project.db, { examples: true });
    const gl = book.codes.find((c) => c.path === 'Motivations/Entrepreneurs/Generating leads')!;
    // References are passages: Ruth Ashworth's two, and Daniel Osei's coding in E2 overlaps hers there, so it is the same passage.
    expect(gl).toMatchObject({ depth: 2, references: 2, sources: 2 });
    expect(gl.example?.attribution).toBe('[E1]');
    expect(book.codes.find((c) => c.path === 'Sources of advice/Another cluster member')).toMatchObject({ references: 0 });
    expect(book.codes.find((c) => c.path === 'Sources of advice/Another cluster member')!.example).toBeUndefined();
    expect(book.guide?.groups.map((g) => [g.label, g.questions.length])).toEqual([
      ['Intermediaries', 4],
      ['Entrepreneurs', 7],
    ]);

    const doc = inspectDocx(await codebookToDocx(book));
    const [codes, guide] = doc.tables;
    expect(codes!.rows).toHaveLength(book.codes.length + 1);
    expect(codes!.rows[0]!.map(cellText)).toEqual(['Code', 'Description', 'References', 'Sources']);
    const glRow = codes!.rows.find((r) => cellText(r[0]!) === 'Generating leads')!;
    expect(glRow.slice(2).map(cellText)).toEqual(['2', '2']);
    expect(glRow[1]!.paragraphs[1]!.style).toBe('Quote');
    expect(glRow[1]!.paragraphs[1]!.text.endsWith(' [E1]')).toBe(true);
    expect(guide!.rows.map((r) => cellText(r[0]!))).toEqual(['Type', 'Intermediaries', 'Entrepreneurs']);
    const numbered = guide!.rows[2]![1]!.paragraphs;
    expect(numbered).toHaveLength(7);
    expect(numbered.every((p) => p.style === 'ListNumber' && p.ownNumbering)).toBe(true);
    expect(doc.paragraphs.map((p) => p.text)).toContain('Interview guide');
  });
});

describe('coded passages report', () => {
  it('quotes each passage once with its attribution, ordered by case, with memos on request', async () => {
    const report = loadQuotesReport(project.db, { codes: ['Outcomes/Entrepreneurs/Trust', 'Motivations/Entrepreneurs'], memos: true });
    const trust = report.sections[0]!;
    // Daniel Osei coded E2's Disadvantages passage at Trust; both coders' passages are in.
    expect(trust.passages.map((p) => p.attribution)).toEqual(['[E1]', '[E2]', '[E4]', '[I1]']);
    // Daniel Osei coded some of the same spans: each span is quoted once.
    const mot = report.sections[1]!;
    const spans = mot.passages.map((p) => `${p.source}:${p.start}`);
    expect(new Set(spans).size).toBe(spans.length);
    expect(mot.passages.map((p) => p.case)).toEqual([...mot.passages.map((p) => p.case)].sort((a, b) => a!.localeCompare(b!, 'en', { numeric: true })));

    const doc = inspectDocx(await quotesReportToDocx(report));
    const quotes = doc.paragraphs.filter((p) => p.style === 'Quote');
    expect(quotes).toHaveLength(trust.passages.length + mot.passages.length);
    expect(quotes[0]!.text.endsWith('\u201D [E1]')).toBe(true);
    expect(doc.paragraphs.filter((p) => p.style === 'Heading2').map((p) => p.text)).toEqual(['Outcomes/Entrepreneurs/Trust', 'Motivations/Entrepreneurs']);
    const memoCount = report.sections.flatMap((s) => s.passages).reduce((n, p) => n + p.memos.length, 0);
    expect(doc.paragraphs.filter((p) => p.text.startsWith('Memo: ')).length).toBe(memoCount);
  });

  it('renders a label template over case attributes and orders by source on request', () => {
    const report = loadQuotesReport(project.db, { codes: ['Outcomes/Entrepreneurs/Trust'], labelTemplate: '{Role}, {Group} ({case})', order: 'source', coder: 'Ruth Ashworth' });
    expect(report.sections[0]!.passages.map((p) => p.attribution)).toEqual([
      'Managing director, Entrepreneur (E1)',
      'Managing director, Entrepreneur (E4)',
      'Economic development officer, Intermediary (I1)',
    ]);
    expect(() => loadQuotesReport(project.db, { codes: ['Outcomes/Entrepreneurs/Trust'], labelTemplate: '{Firm}' })).toThrow(/no attribute called “Firm”/);
    expect(() => loadQuotesReport(project.db, { codes: ['Nope'] })).toThrow(/There is no code “Nope”/);
  });
});
