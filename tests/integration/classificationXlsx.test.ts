/**
 * Excel classification sheets (.xlsx): typed cells in, the same preview and
 * report as CSV, clear refusals that write nothing, and export → import
 * identity, through the service and the CLI (the API: caseApi.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync, strToU8 } from 'fflate';
import type { SheetData } from 'write-excel-file/node';
import readXlsxFile from 'read-excel-file/node';
import { buildDemoProject } from '../../shared/demo/buildDemo.js';
import { ProjectDb } from '../../shared/db/projectDb.js';
import { listAttributeInfo } from '../../shared/services/attributeService.js';
import { casesByName, defineAttribute } from '../../shared/services/caseService.js';
import {
  applyClassificationImport,
  exportClassificationXlsx,
  previewClassificationImport,
  readClassificationSheet,
} from '../../shared/services/classificationService.js';
import { runCli } from '../../cli/main.js';
import { day, encode, projectsClosedAfterEach, snapshot, tempDir, workbook, WORKBOOK } from './caseFixtures.js';

const setup = projectsClosedAfterEach();

/** The same study as WORKBOOK, as a CSV file. */
const CSV = 'Case,Age,Joined,Founder,Group,Notes\r\nP01,34,2021-03-05,true,Entrepreneur, spaced \r\nP02,41.5,2019-11-30,false,Intermediary,\r\nP03,,2020-01-01,true,Entrepreneur,n/a\r\nP04,29,2018-06-15,false,Entrepreneur,plain\r\n';

describe('.xlsx classification sheets: reading', () => {
  it('reads numbers, dates and booleans as their types, and previews exactly what the same CSV previews', async () => {
    const { project } = setup();
    const before = snapshot(project);
    const args = await readClassificationSheet({ fileName: 'people.xlsx', bytes: await workbook(WORKBOOK) });
    const fromXlsx = previewClassificationImport(project.db, args);
    const fromCsv = previewClassificationImport(project.db, { fileName: 'people.csv', bytes: encode(CSV) });
    expect(snapshot(project)).toEqual(before);
    expect(fromXlsx.columns.map((c) => [c.header, c.type])).toEqual([
      ['Age', 'number'],
      ['Joined', 'date'],
      ['Founder', 'boolean'],
      ['Group', 'choice'],
      ['Notes', 'text'],
    ]);
    expect(fromXlsx).toMatchObject({ fileName: 'people.xlsx', format: 'xlsx', sheetName: 'Participants', caseHeader: 'Case', rows: 4 });
    // Same shape and same plan: only the file's own name, format and worksheet differ.
    const { fileName: _a, format, sheetName, ...xlsxRest } = fromXlsx;
    const { fileName: _b, ...csvRest } = fromCsv;
    expect(format).toBe('xlsx');
    expect(sheetName).toBe('Participants');
    expect(Object.keys(xlsxRest).sort()).toEqual(Object.keys(csvRest).sort());
    expect({ ...xlsxRest, columns: xlsxRest.columns.map((c) => c.type), planKey: '' }).toMatchObject({ ...csvRest, columns: csvRest.columns.map((c) => c.type), planKey: '' });
  });

  it('imports typed values in one undo step and reports rejected cells with Excel row numbers', async () => {
    const { ctx, project } = setup();
    defineAttribute(ctx, { name: 'Age', type: 'number' });
    const data: SheetData = [
      [null, null, null],
      [null, 'Participant', 'Age', 'Since'],
      [null, 'P01', 'forty', { value: day(2020, 2, 29), type: Date, format: 'yyyy-mm-dd' }],
      [null, 'P02', 52, { value: new Date(Date.UTC(2021, 0, 2, 14, 30)), type: Date, format: 'yyyy-mm-dd hh:mm' }],
      [null, null, null, null],
      [null, 'P01', 3, null],
    ];
    const depth = project.history.state().undoDepth;
    const report = applyClassificationImport(ctx, await readClassificationSheet({ fileName: 'offset.xlsx', bytes: await workbook(data) }));
    expect(report.rejected).toEqual([
      { row: 3, column: 'Age', reason: "'forty' is not a number" },
      { row: 6, column: 'Participant', reason: 'the case "P01" already appears in row 3; this row was left out' },
    ]);
    expect(project.history.state().undoDepth).toBe(depth + 1);
    // A date with a time of day is not a plain date: the column is offered as text and keeps both.
    expect(casesByName(project.db).map((c) => [c.name, c.attributes])).toEqual([
      ['P01', { Age: 'Unassigned', Since: '2020-02-29' }],
      ['P02', { Age: '52', Since: '2021-01-02 14:30' }],
    ]);
    expect(listAttributeInfo(project.db).find((a) => a.name === 'Since')?.type).toBe('text');
  });

  const zip = (files: Record<string, string | Uint8Array>) => zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, typeof v === 'string' ? strToU8(v) : v])));
  const bad: [string, () => Promise<Uint8Array> | Uint8Array, RegExp][] = [
    ['text.xlsx', () => encode('Case,Age\nP1,3\n'), /^text\.xlsx: the file is not a valid Excel workbook \(an \.xlsx file is a zip archive, and this one is not\)/],
    ['old.xlsx', () => new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), /^old\.xlsx: .*Excel 97–2003 \.xls file or a password-protected workbook/],
    ['cut.xlsx', async () => (await workbook(WORKBOOK)).slice(0, 900), /^cut\.xlsx: the file is not a valid Excel workbook \(its zip container is damaged\)/],
    ['word.xlsx', () => zip({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>' }), /^word\.xlsx: .*no workbook part/],
    ['doctype.xlsx', () => zip({ 'xl/workbook.xml': '<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY a "aaaa">]><workbook/>' }), /^doctype\.xlsx: .*declares a DOCTYPE/],
    ['deep.xlsx', () => zip({ 'xl/workbook.xml': `${'<a>'.repeat(300)}${'</a>'.repeat(300)}` }), /^deep\.xlsx: .*nests elements more than 256 levels deep/],
    ['garbled.xlsx', () => zip({ 'xl/workbook.xml': '<workbook><sheets><sheet', '[Content_Types].xml': 'not xml' }), /^garbled\.xlsx: the file is not a valid Excel workbook \(its contents are damaged/],
    ['empty.xlsx', () => workbook([[null], [null]]), /^empty\.xlsx: the workbook is empty/],
    ['header.xlsx', () => workbook([['Case', 'Age']]), /^header\.xlsx: the file has a header row but no rows of cases/],
    ['dupes.xlsx', () => workbook([['Case', 'Age', 'AGE'], ['P1', 1, 2]]), /^dupes\.xlsx: columns B \("Age"\) and C \("AGE"\) have the same name/],
  ];
  it.each(bad)('%s is refused with a message naming the file, and nothing is written', async (fileName, make, message) => {
    const { ctx, project } = setup();
    defineAttribute(ctx, { name: 'Existing', type: 'text' });
    const before = snapshot(project);
    const depth = project.history.state().undoDepth;
    const bytes = await make();
    await expect(readClassificationSheet({ fileName, bytes })).rejects.toThrow(message);
    expect(snapshot(project)).toEqual(before);
    expect(project.history.state().undoDepth).toBe(depth);
  });

  it('refuses a part that expands far beyond its packed size before the reader inflates it', async () => {
    const { project } = setup();
    const before = snapshot(project);
    // 40 MB of one byte packs to about 40 KB (1000:1); the zip tells the truth about it, and it is still refused.
    const bomb = zipSync({ 'xl/workbook.xml': strToU8('<workbook/>'), 'xl/worksheets/sheet1.xml': new Uint8Array(40 * 1024 * 1024).fill(0x20) }, { level: 9 });
    await expect(readClassificationSheet({ fileName: 'bomb.xlsx', bytes: bomb })).rejects.toThrow(/^bomb\.xlsx: .*expand far beyond its packed size, as a zip bomb does/);
    expect(snapshot(project)).toEqual(before);
  });
});

describe('.xlsx classification sheets: export → import identity', () => {
  async function expectIdentity(project: ProjectDb, ctx: { project: ProjectDb; coderName: string }) {
    const { fileName, bytes } = await exportClassificationXlsx(project.db);
    expect(fileName).toMatch(/ - classification\.xlsx$/);
    const before = snapshot(project);
    const depth = project.history.state().undoDepth;
    const args = await readClassificationSheet({ fileName, bytes });
    const preview = previewClassificationImport(project.db, args);
    expect(preview).toMatchObject({ createCases: 0, updateCases: 0, setValues: 0, rejectedTotal: 0, createAttributes: [], extendChoices: [] });
    const report = applyClassificationImport(ctx, { ...args, expectedPlanKey: preview.planKey });
    expect(report).toMatchObject({ created: 0, updated: 0, rejected: [] });
    expect(snapshot(project)).toEqual(before);
    expect(project.history.state().undoDepth).toBe(depth);
    return bytes;
  }

  it('writes typed cells (numbers, dates, TRUE/FALSE), and awkward values come back unchanged', async () => {
    const { ctx, project } = setup();
    const csv = [
      'Case,Notes,Score,Level,When,Flag',
      '" padded ","a ""quoted"", value; with tab\tand',
      'newline",1.50,High,2021-03-05,yes',
      'Zoë 👍,  ,-0.0000001,Low,N/A,no',
      'Case 3,N/A,Not applicable,Medium,,',
      'Case 4,=SUM(A1),123456789012345680000,Low,1 May 2020,0',
    ].join('\n');
    const columns = [undefined, undefined, { type: 'choice' as const, choices: ['Low', 'Medium', 'High'] }, undefined, undefined];
    expect(applyClassificationImport(ctx, { fileName: 'in.csv', bytes: encode(csv), columns }).rejected).toEqual([]);
    const bytes = await expectIdentity(project, ctx);
    const [sheet] = await readXlsxFile(Buffer.from(bytes), { trim: false });
    expect(sheet!.sheet).toBe('Classification');
    expect(sheet!.data[0]).toEqual(['Case', 'Notes', 'Score', 'Level', 'When', 'Flag']);
    const row = (name: string) => sheet!.data.find((r) => r[0] === name);
    expect(row(' padded ')).toEqual([' padded ', 'a "quoted", value; with tab\tand\nnewline', 1.5, 'High', day(2021, 3, 5), true]);
    expect(row('Zoë 👍')).toEqual(['Zoë 👍', null, -0.0000001, 'Low', 'Not applicable', false]);
    expect(row('Case 3')).toEqual(['Case 3', 'Not applicable', 'Not applicable', 'Medium', null, null]);
    // A formula-looking text stays text (never a formula cell).
    expect(row('Case 4')).toEqual(['Case 4', '=SUM(A1)', 123456789012345680000, 'Low', day(2020, 5, 1), false]);
  });

  it('changes nothing for the demo study', async () => {
    const path = join(tempDir(), 'demo.quarry');
    await buildDemoProject(path);
    const { project } = ProjectDb.open(path);
    try {
      await expectIdentity(project, { project, coderName: 'Tester' });
    } finally {
      project.close();
    }
  });
});

describe('.xlsx classification sheets through the CLI', () => {
  async function cli(cwd: string, ...argv: string[]) {
    let out = '';
    let err = '';
    const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t), cwd, env: { QUARRY_CODER: 'CLI tester' } });
    return { code, out, err };
  }

  it('quarry cases import/export <file.xlsx>', async () => {
    const dir = tempDir('quarry-xlsx-cli-');
    expect((await cli(dir, 'new', 'study.quarry')).code).toBe(0);
    writeFileSync(join(dir, 'people.xlsx'), await workbook(WORKBOOK));
    const r = await cli(dir, 'cases', 'import', 'study.quarry', 'people.xlsx', '--json');
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(JSON.parse(r.out)).toEqual({ created: 4, updated: 18, rejected: [] });
    const list = JSON.parse((await cli(dir, 'cases', 'study.quarry', '--json')).out) as { name: string; attributes: Record<string, string> }[];
    expect(list[0]).toEqual({ name: 'P01', parent: null, classification: 'Default', sources: [], attributes: { Age: '34', Joined: '2021-03-05', Founder: 'true', Group: 'Entrepreneur', Notes: ' spaced ' } });

    const exp = await cli(dir, 'cases', 'export', 'study.quarry', 'out.xlsx');
    expect(exp.code).toBe(0);
    const [sheet] = await readXlsxFile(readFileSync(join(dir, 'out.xlsx')), { trim: false });
    expect(sheet!.data[1]).toEqual(['P01', 34, day(2021, 3, 5), true, 'Entrepreneur', ' spaced ']);
    const back = await cli(dir, 'cases', 'import', 'study.quarry', 'out.xlsx', '--json');
    expect(JSON.parse(back.out)).toEqual({ created: 0, updated: 0, rejected: [] });

    writeFileSync(join(dir, 'broken.xlsx'), 'PK\u0003\u0004 truncated');
    const broken = await cli(dir, 'cases', 'import', 'study.quarry', 'broken.xlsx');
    expect(broken.code).toBe(1);
    expect(broken.err).toMatch(/^quarry cases: broken\.xlsx: the file is not a valid Excel workbook \(its zip container is damaged\)/);
  });
});
