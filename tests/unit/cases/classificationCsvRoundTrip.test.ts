import { describe, it, expect } from 'vitest';
import Papa from 'papaparse';
import { parseClassificationCsv, writeClassificationCsv, type SheetCase } from '../../../shared/cases/classificationCsv.js';
import { planClassificationImport } from '../../../shared/cases/classificationImportPlan.js';
import { inferAttributeTypes } from '../../../shared/cases/typeInference.js';
import type { AttributeDef, AttributeValue } from '../../../shared/cases/attributeTypes.js';

const v = (value: string): AttributeValue => ({ kind: 'value', value });
const U: AttributeValue = { kind: 'unassigned' };
const NA: AttributeValue = { kind: 'not_applicable' };

const defs: AttributeDef[] = [
  { name: 'Notes', type: 'text' },
  { name: 'Age', type: 'number' },
  { name: 'Interviewed', type: 'date' },
  { name: 'Consent', type: 'boolean' },
  { name: 'Stage', type: 'choice', choices: ['Early', 'Mid, late', 'Established "senior"'] },
  { name: 'Région, "quoted"', type: 'text' },
];

const tricky = [
  'plain',
  'comma, inside',
  'semi;colon',
  'tab\tinside',
  'She said "hello"',
  '"fully quoted"',
  'line one\nline two\n\nline four',
  'emoji 👩🏽‍🔬 and 🇳🇿',
  'accents: crème brûlée, Łódź, ñ, e\u0301 (combining)',
  'RTL: שלום עולם / مرحبا بالعالم',
  '  leading and trailing spaces  ',
  '\tleading tab',
  'trailing tab\t',
  '\u00a0no-break space\u00a0',
  '=SUM(A1:A2)',
  '-starts with a dash',
  "'apostrophe",
  'sep=;',
  '0012',
];

const cases: SheetCase[] = [
  ...tricky.map((t, i) => ({ name: `P${String(i + 1).padStart(2, '0')}`, values: { Notes: v(t), 'Région, "quoted"': v(`r${i}`) } })),
  {
    name: 'Numbers & dates',
    values: { Age: v('-3.5'), Interviewed: v('2021-03-05'), Consent: v('true'), Stage: v('Mid, late'), Notes: NA },
  },
  { name: 'Quoted "case", name', values: { Age: v('0.0000001'), Interviewed: NA, Consent: v('false'), Stage: v('Established "senior"') } },
  { name: '  spaced case  ', values: { Age: v('12'), Stage: U } },
  { name: 'Zoë 😀', values: { Age: v('123456789012345680000') } },
  { name: 'empty', values: {} },
];

const asMap = (list: SheetCase[]) => new Map(list.map((c) => [c.name, c.values]));

describe('writeClassificationCsv', () => {
  it('writes BOM, CRLF line ends, comma delimiter, Case header and labels for no-value kinds', () => {
    const csv = writeClassificationCsv([{ name: 'Age', type: 'number' }, { name: 'Note', type: 'text' }], [
      { name: 'P1', values: { Age: v('34'), Note: v('a, b') } },
      { name: 'P2', values: { Age: NA } },
    ]);
    expect(csv).toBe('\uFEFFCase,Age,Note\r\nP1,34,"a, b"\r\nP2,Not applicable,Unassigned\r\n');
  });

  it('quotes values with surrounding whitespace, quotes, line breaks, semicolons or tabs', () => {
    const csv = writeClassificationCsv([{ name: 'T', type: 'text' }], [
      { name: 'a', values: { T: v(' x') } },
      { name: 'b', values: { T: v('x\t') } },
      { name: 'c', values: { T: v('say "hi"') } },
      { name: 'd', values: { T: v('1\n2') } },
      { name: 'e', values: { T: v('a;b') } },
      { name: 'f', values: { T: v('plain text') } },
    ]);
    expect(csv.split('\r\n').slice(1, -1)).toEqual(['a," x"', 'b,"x\t"', 'c,"say ""hi"""', 'd,"1\n2"', 'e,"a;b"', 'f,plain text']);
  });

  it('is read by Papa.parse into the same grid', () => {
    const csv = writeClassificationCsv(defs, cases);
    const grid = Papa.parse<string[]>(csv.slice(1), { delimiter: ',', newline: '\r\n', skipEmptyLines: true }).data;
    expect(grid[0]).toEqual(['Case', ...defs.map((d) => d.name)]);
    expect(grid.length).toBe(cases.length + 1);
    expect(grid[7]?.[1]).toBe('line one\nline two\n\nline four');
  });

  it('renames the case column when an attribute is called Case', () => {
    const csv = writeClassificationCsv([{ name: 'case', type: 'text' }, { name: 'Case name', type: 'text' }], [{ name: 'P', values: {} }]);
    expect(csv.split('\r\n')[0]).toBe('\uFEFFCase name 3,case,Case name');
    expect(parseClassificationCsv('x.csv', csv).headers).toEqual(['case', 'Case name']);
  });
});

describe('write → parse → plan identity', () => {
  const csv = writeClassificationCsv(defs, cases);

  it('parses back every cell, whitespace and line breaks included', () => {
    const sheet = parseClassificationCsv('export.csv', csv);
    expect(sheet.delimiter).toBe(',');
    expect(sheet.caseHeader).toBe('Case');
    expect(sheet.headers).toEqual(defs.map((d) => d.name));
    expect(sheet.problems).toEqual([]);
    expect(sheet.rows.map((r) => r.caseName)).toEqual(cases.map((c) => c.name));
    expect(sheet.rows.slice(0, tricky.length).map((r) => r.cells[0])).toEqual(tricky);
    // Spreadsheet rows: the header is 1, each case one row even with line breaks inside.
    expect(sheet.rows.map((r) => r.rowNumber)).toEqual(cases.map((_, i) => i + 2));
  });

  it('planning the exported sheet against the same data changes nothing', () => {
    const sheet = parseClassificationCsv('export.csv', new TextEncoder().encode(csv));
    const plan = planClassificationImport(sheet, defs, asMap(cases), { existingAttributes: defs });
    expect(plan.setValues).toEqual([]);
    expect(plan.createCases).toEqual([]);
    expect(plan.createAttributes).toEqual([]);
    expect(plan.extendChoices).toEqual([]);
    expect(plan.rejected).toEqual([]);
    expect(plan.rowProblems).toEqual([]);
    expect(plan.unchanged).toBe(cases.length * defs.length);
  });

  it('inference over the exported sheet keeps the existing types and finds no conflicts', () => {
    const cols = inferAttributeTypes(parseClassificationCsv('export.csv', csv), defs);
    expect(cols.map((c) => [c.name, c.existing, c.type, c.conflicts])).toEqual(defs.map((d) => [d.name, true, d.type, 0]));
  });

  it('importing the export into an empty project recreates the same data', () => {
    const sheet = parseClassificationCsv('export.csv', csv);
    const plan = planClassificationImport(sheet, defs, new Map());
    expect(plan.createCases).toEqual(cases.map((c) => c.name));
    expect(plan.createAttributes).toEqual(defs);
    const rebuilt = new Map<string, Record<string, AttributeValue>>(plan.createCases.map((n) => [n, {}]));
    for (const s of plan.setValues) (rebuilt.get(s.caseName) as Record<string, AttributeValue>)[s.attribute] = s.value;
    const again = planClassificationImport(sheet, defs, rebuilt, { existingAttributes: defs });
    expect(again.setValues).toEqual([]);
    expect(again.createCases).toEqual([]);
  });

  it('a semicolon-separated re-save (European Excel) plans no changes either', () => {
    const sheet = parseClassificationCsv('export.csv', csv);
    const grid = [['Case', ...sheet.headers], ...sheet.rows.map((r) => [r.caseName, ...r.cells])];
    const resaved = Papa.unparse(grid, { delimiter: ';', newline: '\r\n', quotes: (x: unknown) => typeof x === 'string' && /^\s|\s$/.test(x) });
    const back = parseClassificationCsv('resaved.csv', resaved);
    expect(back.delimiter).toBe(';');
    const plan = planClassificationImport(back, defs, asMap(cases), { existingAttributes: defs });
    expect(plan.setValues).toEqual([]);
    expect(plan.createCases).toEqual([]);
  });
});
