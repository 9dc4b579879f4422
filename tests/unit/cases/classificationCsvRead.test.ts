import { describe, it, expect } from 'vitest';
import { QuarryError } from '../../../shared/errors.js';
import { columnLetter, parseClassificationCsv } from '../../../shared/cases/classificationCsv.js';

const utf8 = (s: string) => new TextEncoder().encode(s);
const BOM = '\uFEFF';

function refused(fileName: string, input: Uint8Array | string): QuarryError {
  try {
    parseClassificationCsv(fileName, input);
  } catch (err) {
    expect(err).toBeInstanceOf(QuarryError);
    return err as QuarryError;
  }
  throw new Error('expected the file to be refused');
}

describe('delimiter detection', () => {
  it('comma', () => {
    const s = parseClassificationCsv('a.csv', 'Case,Age,Gender\nP01,34,Female\nP02,41,Male\n');
    expect(s.delimiter).toBe(',');
    expect(s.headers).toEqual(['Age', 'Gender']);
    expect(s.rows.map((r) => r.cells)).toEqual([['34', 'Female'], ['41', 'Male']]);
  });

  it('semicolon (European Excel), with decimal commas in values', () => {
    const s = parseClassificationCsv('a.csv', 'Case;Score;Region\nP01;3,5;North\nP02;4,25;South\nP03;1;East\n');
    expect(s.delimiter).toBe(';');
    expect(s.rows.map((r) => r.cells)).toEqual([['3,5', 'North'], ['4,25', 'South'], ['1', 'East']]);
  });

  it('tab', () => {
    const s = parseClassificationCsv('a.tsv', 'Case\tAge\tNotes\nP01\t34\tlikes tea, coffee\nP02\t41\tno; never\n');
    expect(s.delimiter).toBe('\t');
    expect(s.rows.map((r) => r.cells)).toEqual([['34', 'likes tea, coffee'], ['41', 'no; never']]);
  });

  it('semicolon file whose quoted values contain commas', () => {
    const csv = 'Case;Notes;Role\nP01;"teacher, part-time, since 2019";Staff\nP02;"a, b, c, d, e";Student\nP03;"x,y";Staff\n';
    const s = parseClassificationCsv('a.csv', csv);
    expect(s.delimiter).toBe(';');
    expect(s.rows.map((r) => r.cells)).toEqual([
      ['teacher, part-time, since 2019', 'Staff'],
      ['a, b, c, d, e', 'Student'],
      ['x,y', 'Staff'],
    ]);
  });

  it('comma file whose quoted values contain semicolons and tabs', () => {
    const s = parseClassificationCsv('a.csv', 'Case,Notes\nP01,"a;b;c;d"\nP02,"x\ty;z"\n');
    expect(s.delimiter).toBe(',');
    expect(s.rows.map((r) => r.cells)).toEqual([['a;b;c;d'], ['x\ty;z']]);
  });

  it('honours an Excel "sep=" line and does not count it as a row', () => {
    const s = parseClassificationCsv('a.csv', 'sep=;\r\nCase;Notes\r\nP01;a,b,c\r\n');
    expect(s.delimiter).toBe(';');
    expect(s.rows).toEqual([{ rowNumber: 2, caseName: 'P01', cells: ['a,b,c'] }]);
  });

  it('refuses a "sep=" line naming an unsupported separator', () => {
    expect(refused('a.csv', 'sep=|\nCase|Age\nP1|2\n').message).toBe(
      "a.csv: the file declares '|' as its separator; Quarry reads comma, semicolon or tab separated files.",
    );
  });

  it('reads a file with only the case column', () => {
    const s = parseClassificationCsv('a.csv', 'Case\nP01\nP02\n');
    expect(s.headers).toEqual([]);
    expect(s.rows.map((r) => r.caseName)).toEqual(['P01', 'P02']);
  });
});

describe('encoding', () => {
  const csv = 'Case,Ort\r\nP01,Zürich\r\nP02,Åre\r\n';
  it('UTF-8 without BOM', () => {
    const s = parseClassificationCsv('a.csv', utf8(csv));
    expect(s.headers).toEqual(['Ort']);
    expect(s.rows.map((r) => r.cells[0])).toEqual(['Zürich', 'Åre']);
  });
  it('UTF-8 with BOM: the BOM does not end up in the first header', () => {
    const s = parseClassificationCsv('a.csv', utf8(BOM + csv));
    expect(s.caseHeader).toBe('Case');
    expect(s.rows.map((r) => r.cells[0])).toEqual(['Zürich', 'Åre']);
  });
  it('a string with a BOM', () => {
    expect(parseClassificationCsv('a.csv', BOM + csv).caseHeader).toBe('Case');
  });
  it('UTF-16 LE with BOM (Excel "Unicode Text")', () => {
    const text = 'Case\tOrt\r\nP01\tZürich\r\n';
    const bytes = new Uint8Array([0xff, 0xfe, ...Buffer.from(text, 'utf16le')]);
    const s = parseClassificationCsv('a.txt', bytes);
    expect(s.delimiter).toBe('\t');
    expect(s.rows[0]?.cells).toEqual(['Zürich']);
  });
  it('refuses invalid UTF-8 (a Windows-1252 file), naming the file, byte and line', () => {
    const bytes = new Uint8Array([...utf8('Case,Ort\nP01,Z'), 0xfc, ...utf8('rich\n')]);
    const err = refused('people.csv', bytes);
    expect(err.code).toBe('invalid_input');
    expect(err.message).toMatch(/^people\.csv: the file is not UTF-8 text \(byte 0xFC on line 2 is not valid UTF-8\)/);
    expect(err.details).toEqual({ fileName: 'people.csv', line: 2 });
  });
  it('locates overlong forms, encoded surrogates and truncated sequences', () => {
    const prefix = [...utf8('Case,A\né,ok\n')];
    const cases: [number[], string][] = [
      [[0xc0, 0x80], '0xC0 on line 3'],
      [[0xed, 0xa0, 0x80], '0xED on line 3'],
      [[0xe2, 0x82], '0xE2 on line 3'],
      [[0x41, 0x80], '0x80 on line 3'],
    ];
    for (const [bad, where] of cases) {
      expect(refused('x.csv', new Uint8Array([...prefix, ...bad])).message).toContain(`(byte ${where} is not valid UTF-8)`);
    }
  });
  it('refuses a binary file (NUL bytes)', () => {
    const err = refused('photo.csv', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x01]));
    expect(err.code).toBe('invalid_input');
    expect(err.message).toMatch(/^photo\.csv: the file is not a text CSV file \(it contains binary data\)\./);
  });
  it('recognises an Excel workbook renamed to .csv', () => {
    const err = refused('sheet.csv', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]));
    expect(err.message).toContain('It looks like an Excel workbook (.xlsx)');
  });
  it('refuses a string containing NUL', () => {
    expect(refused('a.csv', 'Case,A\u0000\nP,1\n').message).toContain('a.csv: the file is not a text CSV file');
  });
  it('refuses an empty file', () => {
    for (const input of [new Uint8Array(0), utf8(BOM), '', '  \r\n\n']) {
      const err = refused('empty.csv', input);
      expect(err.code).toBe('invalid_input');
      expect(err.message).toBe('empty.csv: the file is empty; a classification sheet needs a header row and one row per case.');
    }
  });
});

describe('quoting', () => {
  it('quoted fields with embedded newlines (LF and CRLF) count as one spreadsheet row', () => {
    const s = parseClassificationCsv('a.csv', 'Case,Notes,Age\r\nP01,"line one\r\nline two\r\nline three",30\r\nP02,"a\nb",31\r\nP03,x,32\r\n');
    expect(s.rows).toEqual([
      { rowNumber: 2, caseName: 'P01', cells: ['line one\nline two\nline three', '30'] },
      { rowNumber: 3, caseName: 'P02', cells: ['a\nb', '31'] },
      { rowNumber: 4, caseName: 'P03', cells: ['x', '32'] },
    ]);
  });

  it('doubled quotes, delimiters inside quotes, quotes inside unquoted values', () => {
    const s = parseClassificationCsv('a.csv', 'Case,Quote,Size\nP01,"She said ""no"", twice",5\nP02,6" tall,"1,5"\nP03,"""",""\n');
    expect(s.rows.map((r) => r.cells)).toEqual([
      ['She said "no", twice', '5'],
      ['6" tall', '1,5'],
      ['"', ''],
    ]);
  });

  it('trims whitespace around unquoted values but keeps it inside quotes', () => {
    const s = parseClassificationCsv('a.csv', 'Case , Notes ,Other\n  P01  ,  two  words  ,"  kept  "\nP02, "quoted after space" ,x\n');
    expect(s.caseHeader).toBe('Case');
    expect(s.headers).toEqual(['Notes', 'Other']);
    expect(s.rows.map((r) => [r.caseName, ...r.cells])).toEqual([
      ['P01', 'two  words', '  kept  '],
      ['P02', 'quoted after space', 'x'],
    ]);
  });

  it('refuses a quote that is never closed, naming the row', () => {
    const err = refused('a.csv', 'Case,Notes\nP01,ok\nP02,"never closed\nP03,x\n');
    expect(err.code).toBe('invalid_input');
    expect(err.message).toBe('a.csv: row 3 opens a quoted value that is never closed (a closing " is missing), so the rows after it cannot be read.');
  });
});

describe('row problems (reported, not thrown)', () => {
  it('ragged rows: too few and too many values, with the exact row', () => {
    const s = parseClassificationCsv('a.csv', 'Case,Age,Gender\nP01,34,Female\nP02,41\nP03,29,Male,extra\nP04,50,Male\n');
    expect(s.rows.map((r) => r.caseName)).toEqual(['P01', 'P04']);
    expect(s.problems).toEqual([
      { row: 3, reason: 'the row has 2 values but the header has 3 columns' },
      { row: 4, reason: 'the row has 4 values but the header has 3 columns; check for an unquoted comma inside a value' },
    ]);
  });

  it('accepts trailing empty fields beyond the header (spreadsheet leftovers)', () => {
    const s = parseClassificationCsv('a.csv', 'Case,Age\nP01,34,,\nP02,35, \n');
    expect(s.problems).toEqual([]);
    expect(s.rows.map((r) => r.cells)).toEqual([['34'], ['35']]);
  });

  it('drops trailing columns that have neither a header nor values', () => {
    const s = parseClassificationCsv('a.csv', 'Case;Age;;\nP01;34;;\nP02;35;;\n');
    expect(s.headers).toEqual(['Age']);
    expect(s.problems).toEqual([]);
  });

  it('duplicate case names: later rows rejected, naming the first row', () => {
    const s = parseClassificationCsv('a.csv', 'Case,Age\nP01,1\nP02,2\nP01,3\n"P01",4\nP01 ,5\n');
    expect(s.rows.map((r) => [r.rowNumber, r.caseName, r.cells[0]])).toEqual([[2, 'P01', '1'], [3, 'P02', '2']]);
    const reason = 'the case "P01" already appears in row 2; this row was left out';
    expect(s.problems).toEqual([
      { row: 4, column: 'Case', reason },
      { row: 5, column: 'Case', reason },
      { row: 6, column: 'Case', reason },
    ]);
  });

  it('empty case name', () => {
    const s = parseClassificationCsv('a.csv', 'Participant,Age\n,34\n"  ",35\nP03,36\n');
    expect(s.problems).toEqual([
      { row: 2, column: 'Participant', reason: 'the row has no case name (the first column is empty)' },
      { row: 3, column: 'Participant', reason: 'the row has no case name (the first column is empty)' },
    ]);
    expect(s.rows.map((r) => r.caseName)).toEqual(['P03']);
  });

  it('skips blank rows but keeps counting them, as a spreadsheet does', () => {
    const s = parseClassificationCsv('a.csv', '\nCase,Age\n\nP01,34\n,\n , \nP02,"multi\nline"\nP03\n');
    expect(s.rows.map((r) => [r.rowNumber, r.caseName])).toEqual([[4, 'P01'], [7, 'P02']]);
    expect(s.problems).toEqual([{ row: 8, reason: 'the row has 1 value but the header has 2 columns' }]);
  });

  it('problems of several kinds come back in row order', () => {
    const s = parseClassificationCsv('a.csv', 'Case,A\n,1\nP1,2\nP1,3\nP2\n');
    expect(s.problems.map((p) => p.row)).toEqual([2, 4, 5]);
  });
});

describe('whole-file refusals', () => {
  it('duplicate headers name both columns', () => {
    const err = refused('a.csv', 'Case,Age,Gender,Age\nP01,1,F,2\n');
    expect(err.code).toBe('invalid_input');
    expect(err.message).toBe('a.csv: columns B ("Age") and D ("Age") have the same name; rename one of them and import again.');
    expect(err.details).toEqual({ fileName: 'a.csv', columns: ['B', 'D'] });
  });
  it('headers differing only in letter case or surrounding spaces are duplicates', () => {
    expect(refused('a.csv', 'Case,Age, age \nP01,1,2\n').message).toBe(
      'a.csv: columns B ("Age") and C ("age") have the same name; rename one of them and import again.',
    );
  });
  it('an empty first header is fine', () => {
    const s = parseClassificationCsv('a.csv', ',Age\nP01,1\n');
    expect(s.caseHeader).toBe('');
    expect(s.headers).toEqual(['Age']);
  });
  it('an empty attribute header is an error naming the column', () => {
    const err = refused('a.csv', 'Case,Age,,Gender\nP01,1,x,F\n');
    expect(err.message).toBe('a.csv: column C has no name in the header row; every attribute column needs a name.');
    expect(err.details).toEqual({ fileName: 'a.csv', column: 'C' });
  });
  it('an unnamed trailing column that holds values is an error', () => {
    expect(refused('a.csv', 'Case,Age,\nP01,1,x\n').message).toContain('column C has no name');
  });
  it('no header row (only empty rows)', () => {
    expect(refused('a.csv', ',,\n , \n\n').message).toBe('a.csv: the file has no header row (it contains only empty rows).');
  });
  it('no data rows', () => {
    expect(refused('a.csv', 'Case,Age,Gender\r\n').message).toBe('a.csv: the file has a header row but no rows of cases.');
    expect(refused('a.csv', 'Case,Age\n\n,\n').message).toBe('a.csv: the file has a header row but no rows of cases.');
  });
});

describe('columnLetter', () => {
  it('counts like a spreadsheet', () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(columnLetter)).toEqual(['A', 'B', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA']);
  });
});
