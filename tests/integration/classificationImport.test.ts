import { describe, it, expect } from 'vitest';
import { join } from 'node:path';
import { buildDemoProject } from '../../shared/demo/buildDemo.js';
import { ProjectDb } from '../../shared/db/projectDb.js';
import { listAttributeInfo } from '../../shared/services/attributeService.js';
import { casesByName, defineAttribute } from '../../shared/services/caseService.js';
import {
  applyClassificationImport,
  exportClassification,
  previewClassificationImport,
} from '../../shared/services/classificationService.js';
import { encode, projectsClosedAfterEach, snapshot, tempDir } from './caseFixtures.js';

const setup = projectsClosedAfterEach();

const SHEET = [
  'Case;Age;Group;Joined;Founder;Notes',
  'P01;34;Entrepreneur;2021-03-05;yes;"likes ""open"" meetings; often"',
  'P02;41;Intermediary;05/03/2021;no;"two',
  'lines"',
  'P03;n/a;Entrepreneur;;true;',
  'P04;52;Intermediary;1 April 2020;false;plain',
  'P05;29;Entrepreneur;2020-02-30;no;x',
  'P06;;Intermediary;2019-01-01;no;y',
].join('\r\n');

describe('classification import: preview', () => {
  it('detects the delimiter, infers types and plans, writing nothing', () => {
    const { ctx, project } = setup();
    const before = snapshot(project);
    const p = previewClassificationImport(project.db, { fileName: 'sheet.csv', bytes: encode(`\uFEFF${SHEET}`) });
    expect(snapshot(project)).toEqual(before);
    expect(project.history.state().undoDepth).toBe(0);
    expect(p).toMatchObject({ fileName: 'sheet.csv', delimiter: ';', caseHeader: 'Case', rows: 6, createCases: 6, updateCases: 0, rejectedTotal: 0 });
    expect(p.columns.map((c) => [c.header, c.type, c.existing])).toEqual([
      ['Age', 'number', false],
      ['Group', 'choice', false],
      ['Joined', 'text', false], // one value is not a valid date, so the column is offered as text
      ['Founder', 'boolean', false],
      ['Notes', 'text', false],
    ]);
    expect(p.columns[1]!.choices).toEqual(['Entrepreneur', 'Intermediary']);
    expect(p.setValues).toBe(27);
    void ctx;
  });

  it('applies the user’s column settings: a type that rejects cells, a skipped column, another name', () => {
    const { project } = setup();
    const p = previewClassificationImport(project.db, {
      fileName: 'sheet.csv',
      bytes: encode(SHEET),
      columns: [undefined, { type: 'choice', choices: ['Intermediary', 'Entrepreneur'] }, { type: 'date' }, null, { type: 'text', name: 'Remarks' }],
    });
    expect(p.columns.map((c) => c.target)).toEqual([
      { name: 'Age', type: 'number' },
      { name: 'Group', type: 'choice', choices: ['Intermediary', 'Entrepreneur'] },
      { name: 'Joined', type: 'date' },
      null,
      { name: 'Remarks', type: 'text' },
    ]);
    expect(p.rejected).toEqual([{ row: 6, column: 'Joined', reason: "'2020-02-30' is not a valid date (February 2020 has 29 days)" }]);
    expect(p.createAttributes.map((a) => a.name)).toEqual(['Age', 'Group', 'Joined', 'Remarks']);
  });

  it('refuses column settings that do not match the sheet', () => {
    const { project } = setup();
    expect(() => previewClassificationImport(project.db, { fileName: 's.csv', bytes: encode(SHEET), columns: [null] })).toThrow(
      's.csv: the import has 1 column settings but the sheet has 5 columns.',
    );
  });
});

describe('classification import: apply', () => {
  it('writes the confirmed plan in one transaction and one undo step, and reports it', () => {
    const { ctx, project } = setup();
    const args = { fileName: 'sheet.csv', bytes: encode(SHEET), columns: [undefined, undefined, { type: 'date' as const }, undefined, undefined] };
    const preview = previewClassificationImport(project.db, args);
    const report = applyClassificationImport(ctx, { ...args, expectedPlanKey: preview.planKey });
    expect(report).toEqual({
      created: 6,
      updated: 26,
      rejected: [{ row: 6, column: 'Joined', reason: "'2020-02-30' is not a valid date (February 2020 has 29 days)" }],
      attributesCreated: 5,
      unchanged: 3,
    });
    expect(project.history.state()).toMatchObject({ undoDepth: 1, undo: { label: 'Import classification sheet' } });
    const cases = casesByName(project.db);
    expect(cases.find((c) => c.name === 'P02')!.attributes).toEqual({ Age: '41', Group: 'Intermediary', Joined: '2021-03-05', Founder: 'false', Notes: 'two\nlines' });
    expect(cases.find((c) => c.name === 'P03')!.attributes).toMatchObject({ Age: 'Not applicable', Joined: 'Unassigned', Notes: 'Unassigned' });
    expect(cases.find((c) => c.name === 'P01')!.attributes.Notes).toBe('likes "open" meetings; often');
    expect(cases.find((c) => c.name === 'P05')!.attributes.Joined).toBe('Unassigned');
    project.history.undo();
    expect(casesByName(project.db)).toEqual([]);
    expect(listAttributeInfo(project.db)).toEqual([]);
  });

  it('existing attributes keep their type; values outside a choice list are rejected unless new choices are allowed', () => {
    const { ctx, project } = setup();
    defineAttribute(ctx, { name: 'group', type: 'choice', choices: ['Entrepreneur'] });
    defineAttribute(ctx, { name: 'Age', type: 'text' });
    const p = previewClassificationImport(project.db, { fileName: 's.csv', bytes: encode(SHEET) });
    expect(p.columns.slice(0, 2).map((c) => [c.name, c.type, c.existing, c.conflicts, c.newChoices])).toEqual([
      ['Age', 'text', true, 0, undefined],
      ['group', 'choice', true, 3, ['Intermediary']],
    ]);
    expect(p.rejected.filter((r) => r.column === 'Group').map((r) => r.row)).toEqual([3, 5, 7]);
    const report = applyClassificationImport(ctx, { fileName: 's.csv', bytes: encode(SHEET), allowNewChoices: true });
    expect(report.rejected).toEqual([]);
    expect(listAttributeInfo(project.db).find((a) => a.name === 'group')!.choices).toEqual(['Entrepreneur', 'Intermediary']);
    expect(() => previewClassificationImport(project.db, { fileName: 's.csv', bytes: encode(SHEET), columns: [{ type: 'number' }, undefined, undefined, undefined, undefined] })).toThrow(
      /column "Age" is imported as number, but the attribute Age is text; change the attribute's type first/,
    );
  });

  it('refuses to apply when the project changed since the preview, and changes nothing', () => {
    const { ctx, project } = setup();
    const args = { fileName: 'sheet.csv', bytes: encode(SHEET) };
    const preview = previewClassificationImport(project.db, args);
    defineAttribute(ctx, { name: 'Age', type: 'text' });
    const before = snapshot(project);
    expect(() => applyClassificationImport(ctx, { ...args, expectedPlanKey: preview.planKey })).toThrow(
      'sheet.csv: the project changed since the preview, so the import would now do something else. Look at the preview again.',
    );
    expect(snapshot(project)).toEqual(before);
  });

  it('is all or nothing: a failure while writing leaves the project as it was', () => {
    const { ctx, project } = setup();
    applyClassificationImport(ctx, { fileName: 'a.csv', bytes: encode('Case,Note\nP00,first\n') });
    const before = snapshot(project);
    const depth = project.history.state().undoDepth;
    project.db.exec(`CREATE TEMP TRIGGER boom BEFORE INSERT ON attribute_values WHEN new.value = 'boom' BEGIN SELECT RAISE(ABORT, 'boom'); END`);
    expect(() => applyClassificationImport(ctx, { fileName: 'b.csv', bytes: encode('Case,Note,Extra\nP01,fine,1\nP02,boom,2\n') })).toThrow('boom');
    expect(snapshot(project)).toEqual(before);
    expect(project.history.state().undoDepth).toBe(depth);
  });
});

describe('classification import: bad input', () => {
  const cases: [string, string | Uint8Array, RegExp][] = [
    ['empty.csv', '', /^empty\.csv: the file is empty/],
    ['blank.csv', ' \r\n\r\n', /^blank\.csv: the file is empty/],
    ['header-only.csv', 'Case,Age\n', /^header-only\.csv: the file has a header row but no rows of cases/],
    ['dupe-headers.csv', 'Case,Age,age\nP1,1,2\n', /^dupe-headers\.csv: columns B \("Age"\) and C \("age"\) have the same name/],
    ['no-name.csv', 'Case,,Age\nP1,1,2\n', /^no-name\.csv: column B has no name in the header row/],
    ['binary.csv', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), /^binary\.csv: the file is not a text CSV file \(it contains binary data\)/],
    ['book.csv', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 8, 0]), /^book\.csv: .*binary data\)\. It looks like an Excel workbook/],
    ['latin1.csv', new Uint8Array([...encode('Case,Town\nP1,M'), 0xfc, ...encode('nchen\n')]), /^latin1\.csv: the file is not UTF-8 text \(byte 0xFC on line 2/],
    ['quote.csv', 'Case,Note\nP1,"never closed\nP2,x\n', /^quote\.csv: row 2 opens a quoted value that is never closed/],
  ];
  it.each(cases)('%s is refused with a message naming the file, and nothing is written', (fileName, content, message) => {
    const { ctx, project } = setup();
    defineAttribute(ctx, { name: 'Existing', type: 'text' });
    const before = snapshot(project);
    const depth = project.history.state().undoDepth;
    const bytes = typeof content === 'string' ? encode(content) : content;
    expect(() => previewClassificationImport(project.db, { fileName, bytes })).toThrow(message);
    expect(() => applyClassificationImport(ctx, { fileName, bytes })).toThrow(message);
    expect(snapshot(project)).toEqual(before);
    expect(project.history.state().undoDepth).toBe(depth);
  });

  it('ragged rows, duplicate case names and nameless rows are reported with their row, and the rest imports', () => {
    const { ctx, project } = setup();
    const csv = 'Case,Age,Town\nP1,30,Leeds\nP2,31\nP3,32,York,extra\nP1,33,Hull\n,34,Bath\nP4,35,"Rome, Italy"\n';
    const report = applyClassificationImport(ctx, { fileName: 'r.csv', bytes: encode(csv) });
    expect(report.rejected).toEqual([
      { row: 3, column: '', reason: 'the row has 2 values but the header has 3 columns' },
      { row: 4, column: '', reason: 'the row has 4 values but the header has 3 columns; check for an unquoted comma inside a value' },
      { row: 5, column: 'Case', reason: 'the case "P1" already appears in row 2; this row was left out' },
      { row: 6, column: 'Case', reason: 'the row has no case name (the first column is empty)' },
    ]);
    expect(casesByName(project.db).map((c) => [c.name, c.attributes.Town])).toEqual([['P1', 'Leeds'], ['P4', 'Rome, Italy']]);
  });

  it('a value that does not fit its attribute is rejected with row, column and reason and not applied', () => {
    const { ctx, project } = setup();
    defineAttribute(ctx, { name: 'Age', type: 'number' });
    defineAttribute(ctx, { name: 'Since', type: 'date' });
    const report = applyClassificationImport(ctx, { fileName: 'v.csv', bytes: encode('Case\tAge\tSince\nP1\t1,5\t2020-13-01\nP2\t7\t2020-01-13\n') });
    expect(report.rejected).toEqual([
      { row: 2, column: 'Age', reason: "'1,5' is not a number (write it without thousands separators and with a point for decimals, e.g. 1234.5)" },
      { row: 2, column: 'Since', reason: "'2020-13-01' is not a valid date (there is no month 13)" },
    ]);
    expect(casesByName(project.db).map((c) => c.attributes)).toEqual([{ Age: 'Unassigned', Since: 'Unassigned' }, { Age: '7', Since: '2020-01-13' }]);
  });
});

describe('export → import identity', () => {
  function expectIdentity(project: ProjectDb, ctx: { project: ProjectDb; coderName: string }): void {
    const { csv, fileName } = exportClassification(project.db);
    expect(fileName).toMatch(/ - classification\.csv$/);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv).toContain('\r\n');
    expect(csv.replace(/"[^"]*"/g, '').replace(/\r\n/g, '')).not.toContain('\n');
    const before = snapshot(project);
    const depth = project.history.state().undoDepth;
    const preview = previewClassificationImport(project.db, { fileName: 'export.csv', bytes: encode(csv) });
    expect(preview).toMatchObject({ createCases: 0, updateCases: 0, setValues: 0, rejectedTotal: 0, createAttributes: [], extendChoices: [] });
    expect(preview.columns.every((c) => c.existing)).toBe(true);
    const report = applyClassificationImport(ctx, { fileName: 'export.csv', bytes: encode(csv), expectedPlanKey: preview.planKey });
    expect(report).toMatchObject({ created: 0, updated: 0, rejected: [] });
    expect(snapshot(project)).toEqual(before);
    expect(project.history.state().undoDepth).toBe(depth);
  }

  it('changes nothing for awkward values (quotes, delimiters, line breaks, spaces, N/A, emoji)', () => {
    const { ctx, project } = setup();
    const csv = [
      'Case,Notes,Score,Level,When,Flag',
      '" padded ","a ""quoted"", value; with tab\tand',
      'newline",1.50,High,2021-03-05,yes',
      'Zoë 👍,  ,-0.25,Low,N/A,no',
      'Case 3,N/A,Not applicable,Medium,,',
      'Case 4,=SUM(A1),12,Low,1 May 2020,0',
    ].join('\n');
    const columns = [undefined, undefined, { type: 'choice' as const, choices: ['Low', 'Medium', 'High'] }, undefined, undefined];
    expect(applyClassificationImport(ctx, { fileName: 'in.csv', bytes: encode(csv), columns }).rejected).toEqual([]);
    expect(listAttributeInfo(project.db).map((a) => [a.name, a.type])).toEqual([
      ['Notes', 'text'], ['Score', 'number'], ['Level', 'choice'], ['When', 'date'], ['Flag', 'boolean'],
    ]);
    expectIdentity(project, ctx);
  });

  it('changes nothing for the demo study', async () => {
    const path = join(tempDir(), 'demo.quarry');
    await buildDemoProject(path);
    const { project } = ProjectDb.open(path);
    try {
      expect(casesByName(project.db)).toHaveLength(14);
      expectIdentity(project, { project, coderName: 'Tester' });
    } finally {
      project.close();
    }
  });
});
