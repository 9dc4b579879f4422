/**
 * Reports narrowed by the one ReportFilter (cases, a case set, attribute
 * conditions, sources): the coded passages report and the classification
 * table, from the loaders and from `quarry export`; quotes grouped by
 * sub-code; yes/no values as Yes and No.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../cli/main.js';
import { ProjectDb } from '../../shared/db/projectDb.js';
import { buildDemoProject } from '../../shared/demo/buildDemo.js';
import { classificationTableToDocx, displayValue } from '../../shared/exporters/classificationDocx.js';
import type { ClassificationTable } from '../../shared/exporters/exportModels.js';
import { loadClassificationTable } from '../../shared/exporters/loadClassification.js';
import { loadQuotesReport } from '../../shared/exporters/loadQuotes.js';
import { quotesReportToDocx } from '../../shared/exporters/quotesDocx.js';
import { cellText, inspectDocx } from '../unit/exporters/docxInspect.js';

let dir: string;
let demo: string;
let project: ProjectDb;

async function cli(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t), cwd: dir, env: {} });
  return { code, out, err };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'quarry-report-filters-'));
  demo = join(dir, 'demo.quarry');
  await buildDemoProject(demo);
  project = ProjectDb.open(demo, { readOnly: true, lock: false }).project;
}, 60_000);
afterAll(() => {
  project?.close();
  rmSync(dir, { recursive: true, force: true });
});

const passagesOf = (r: ReturnType<typeof loadQuotesReport>) => r.sections.flatMap((s) => s.passages);

describe('the coded passages report with filters', () => {
  it('keeps only the passages of the cases the conditions, names and sources allow', () => {
    const all = passagesOf(loadQuotesReport(project.db, { codes: ['Outcomes'] }));
    expect(new Set(all.map((p) => p.case?.[0]))).toEqual(new Set(['E', 'I']));
    const entrepreneurs = loadQuotesReport(project.db, { codes: ['Outcomes'], filter: { where: [{ attribute: 'Group', value: 'Entrepreneur' }] } });
    const e = passagesOf(entrepreneurs);
    expect(e.length).toBeGreaterThan(0);
    expect(e.length).toBeLessThan(all.length);
    expect(e.every((p) => p.case!.startsWith('E'))).toBe(true);
    expect(e).toEqual(all.filter((p) => p.case!.startsWith('E')));
    expect(entrepreneurs.scope).toBe('Cases where Group = Entrepreneur');

    const someI = all.find((p) => p.case!.startsWith('I'))!.case!;
    const named = passagesOf(loadQuotesReport(project.db, { codes: ['Outcomes'], filter: { cases: ['E4', someI] } }));
    expect(new Set(named.map((p) => p.case))).toEqual(new Set(['E4', someI]));
    const sourced = passagesOf(loadQuotesReport(project.db, { codes: ['Outcomes'], filter: { sources: ['E2'] } }));
    expect(sourced.length).toBeGreaterThan(0);
    expect(sourced.every((p) => p.source === 'E2')).toBe(true);
    // All must hold: Intermediaries in source E2 are none.
    expect(passagesOf(loadQuotesReport(project.db, { codes: ['Outcomes'], filter: { sources: ['E2'], where: [{ attribute: 'Group', value: 'Intermediary' }] } }))).toEqual([]);
  });

  it('refuses an unknown source, case set or attribute by name', () => {
    expect(() => loadQuotesReport(project.db, { codes: ['Outcomes'], filter: { sources: ['Z9'] } })).toThrow('There is no source “Z9”.');
    expect(() => loadQuotesReport(project.db, { codes: ['Outcomes'], filter: { set: 'Founders' } })).toThrow(/no case set “Founders”/);
    expect(() => loadQuotesReport(project.db, { codes: ['Outcomes'], filter: { where: [{ attribute: 'Sector', value: 'ICT' }] } })).toThrow(/Sector/);
  });

  it('groups a code’s passages by sub-code under short headings, in tree order', async () => {
    const r = loadQuotesReport(project.db, { codes: ['Outcomes/Entrepreneurs'], bySubcode: true });
    const groups = [...new Set(r.sections[0]!.passages.map((p) => p.subcode))];
    expect(groups).toEqual(['Articulating outcomes', 'Advantages of same-sector meetings', 'Disadvantages of same-sector meetings', 'Trust', 'Disappointment']);
    const doc = inspectDocx(await quotesReportToDocx(r));
    expect(doc.paragraphs.filter((p) => p.style === 'Heading3').map((p) => p.text)).toEqual(groups);
    // None is lost: every passage of the ungrouped report is in a group (a sub-code's passage inside
    // another sub-code's is folded away there, but quoted in its own group here).
    const flat = loadQuotesReport(project.db, { codes: ['Outcomes/Entrepreneurs'] });
    const key = (p: { source: string; start: number; end: number }) => `${p.source}:${p.start}:${p.end}`;
    const grouped = new Set(r.sections[0]!.passages.map(key));
    for (const p of flat.sections[0]!.passages) expect(grouped).toContain(key(p));
  });
});

describe('the classification table with filters', () => {
  it('lists only the cases the filter lets through', () => {
    const names = (t: ClassificationTable) => t.groups.flatMap((g) => g.rows.map((r) => r.caseName));
    expect(names(loadClassificationTable(project.db, { filter: { where: [{ attribute: 'Group', operator: '!=', value: 'Entrepreneur' }] } }))).toEqual(['I1', 'I2', 'I3', 'I4', 'I5']);
    expect(names(loadClassificationTable(project.db, { filter: { sources: ['E2', 'I1'] } }))).toEqual(['E2', 'I1']);
    expect(names(loadClassificationTable(project.db, { filter: { cases: ['E9', 'E1'], where: [{ attribute: 'Membership', value: 'New' }] } }))).toEqual(['E1']);
  });

  it('writes yes/no values as Yes and No', async () => {
    expect(displayValue({ kind: 'value', value: 'true' }, 'boolean')).toBe('Yes');
    expect(displayValue({ kind: 'value', value: 'false' }, 'boolean')).toBe('No');
    expect(displayValue({ kind: 'value', value: 'true' }, 'text')).toBe('true');
    const t: ClassificationTable = {
      caption: 'Table 1',
      caseHeader: 'Case',
      columns: [{ name: 'Funded', type: 'boolean' }],
      groupBy: { name: 'Exporter', type: 'boolean' },
      groups: [{ label: 'true', value: { kind: 'value', value: 'true' }, rows: [{ caseName: 'F1', values: [{ kind: 'value', value: 'false' }] }] }],
    };
    const rows = inspectDocx(await classificationTableToDocx(t)).tables[0]!.rows.map((r) => r.map(cellText));
    expect(rows).toEqual([['Case', 'Funded'], ['Yes (n = 1)'], ['F1', 'No']]);
  });
});

describe('quarry export with filters', () => {
  it('takes --case, --set, --where and --source for quotes and the classification, and --by-subcode', async () => {
    expect(await cli('export', demo, 'quotes', '--code', 'Outcomes', '--where', 'Group=Intermediary', '--source', 'I1', '--source', 'I3', '--out', 'q.csv')).toMatchObject({ code: 0, err: '' });
    const csv = readFileSync(join(dir, 'q.csv'), 'utf8');
    const sources = csv.trim().split('\r\n').slice(1).map((l) => l.split(',')[2]);
    expect(sources.length).toBeGreaterThan(0);
    expect(sources.every((s) => s === 'I1' || s === 'I3')).toBe(true);

    expect(await cli('export', demo, 'cases', '--case', 'E3', '--case', 'I4', '--out', 'c.csv')).toMatchObject({ code: 0 });
    expect(readFileSync(join(dir, 'c.csv'), 'utf8').trim().split('\r\n').slice(1).map((l) => l.split(',')[0])).toEqual(['E3', 'I4']);

    expect(await cli('export', demo, 'quotes', '--code', 'Outcomes/Entrepreneurs', '--by-subcode', '--label', '{Firm type|case}', '--out', 'sub.docx')).toMatchObject({ code: 0 });
    const doc = inspectDocx(new Uint8Array(readFileSync(join(dir, 'sub.docx'))));
    expect(doc.paragraphs.filter((p) => p.style === 'Heading3').map((p) => p.text)).toContain('Trust');

    expect(await cli('export', demo, 'cases', '--set', 'Founders', '--out', 'x.csv')).toMatchObject({ code: 1, err: expect.stringContaining('no case set “Founders”') });
    expect(await cli('export', demo, 'quotes', '--code', 'Outcomes', '--where', 'Group', '--out', 'x.csv')).toMatchObject({ code: 2 });
  });

  it('exports a matrix of listed columns (--col) with the same numbers `quarry matrix --col` prints', async () => {
    const cols = ['--col', 'Outcomes/Entrepreneurs/Trust', '--col', 'Motivations/Intermediaries'];
    const m = await cli('matrix', demo, '--rows', 'attribute:Group', ...cols, '--where', 'Group=Entrepreneur');
    expect(m.code).toBe(0);
    const json = JSON.parse(m.out) as { rows: string[]; cols: string[]; cells: number[][] };
    expect(json.cols).toEqual(['Outcomes/Entrepreneurs/Trust', 'Motivations/Intermediaries']);
    expect(await cli('export', demo, 'matrix', '--rows', 'attribute:Group', ...cols, '--where', 'Group=Entrepreneur', '--out', 'm.csv')).toMatchObject({ code: 0 });
    const lines = readFileSync(join(dir, 'm.csv'), 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
    json.rows.forEach((row, i) => expect(lines[i + 1]!.split(',').slice(1, 3).map(Number)).toEqual(json.cells[i]));
    expect(await cli('export', demo, 'matrix', '--rows', 'cases', '--cols', 'children:Outcomes', '--col', 'Outcomes', '--out', 'm.docx')).toMatchObject({ code: 1, err: expect.stringContaining('not both') });
    expect(await cli('export', demo, 'matrix', '--rows', 'cases', '--cols', 'codes', '--style', 'fancy', '--out', 'm.docx')).toMatchObject({ code: 2 });
  });
});
