import { describe, it, expect } from 'vitest';
import Papa from 'papaparse';
import { tokenizeCsv } from '../../../shared/cases/csvTokenizer.js';
import { detectDelimiter } from '../../../shared/cases/delimiterDetection.js';

const values = (text: string, d: string) => tokenizeCsv(text, d).records.map((r) => r.fields.map((f) => f.text));

describe('tokenizeCsv', () => {
  it('agrees with Papa.parse on well-formed CSV', () => {
    const inputs: [string, string][] = [
      ['a,b,c\r\n1,2,3\r\n', ','],
      ['a;"b;c";d\n"x\ny";"";z', ';'],
      ['a\t"b\t""c"""\n1\t2', '\t'],
      ['"multi\r\nline, with comma","x"\r\nlast,', ','],
      ['only\n\nblank,between\n', ','],
      ['😀,é,שלום\r\n"👩‍👩‍👧",b', ','],
    ];
    for (const [text, d] of inputs) {
      const papa = Papa.parse<string[]>(text, { delimiter: d }).data;
      // Papa reports a final line break as one more, empty row; a spreadsheet does not.
      const last = papa[papa.length - 1];
      if (last && last.length === 1 && last[0] === '') papa.pop();
      // Papa keeps CRLF inside quoted values; Quarry stores LF.
      expect(values(text, d)).toEqual(papa.map((row) => row.map((v) => v.replace(/\r\n?/g, '\n'))));
    }
  });

  it('marks quoted fields', () => {
    const [rec] = tokenizeCsv(' a ,"b", "c" ,d"e', ',').records;
    expect(rec?.fields).toEqual([
      { text: ' a ', quoted: false },
      { text: 'b', quoted: true },
      { text: 'c', quoted: true },
      { text: 'd"e', quoted: false },
    ]);
  });

  it('keeps text after a closing quote, as Excel does', () => {
    expect(values('"ab"cd,e', ',')).toEqual([['abcd', 'e']]);
  });

  it('numbers records including blank ones, and a final line break adds no record', () => {
    const { records } = tokenizeCsv('a\r\n\r\nb\r\n', ',');
    expect(records.map((r) => [r.index, r.fields.map((f) => f.text)])).toEqual([[0, ['a']], [1, ['']], [2, ['b']]]);
    expect(tokenizeCsv('a\rb\r', ',').records.length).toBe(2);
    expect(tokenizeCsv('', ',').records).toEqual([]);
  });

  it('ends with an empty field after a trailing delimiter', () => {
    expect(values('a,\n', ',')).toEqual([['a', '']]);
  });

  it('reports the record of an unclosed quote', () => {
    const res = tokenizeCsv('a\nb\n"c\nd', ',');
    expect(res.unclosedQuoteAt).toBe(2);
    expect(res.records.length).toBe(2);
  });

  it('stops after maxRecords', () => {
    expect(tokenizeCsv('a\nb\nc\nd', ',', 2).records.length).toBe(2);
  });
});

describe('detectDelimiter', () => {
  it('picks the delimiter that splits the header and the rows consistently', () => {
    // Commas in the header and in values; only ';' gives the same count on every row.
    const text = 'Case;Notes, remarks;Age\nP1;a,b,c,d;3\nP2;x;4\nP3;y,z;5\nP4;q;6\n';
    expect(detectDelimiter(text)).toBe(';');
  });
  it("overrides Papa's guess when rows beyond its 10-row preview disagree", () => {
    const first = Array.from({ length: 9 }, (_, i) => `P${i};a, b, c, d;${i}`);
    const later = Array.from({ length: 10 }, (_, i) => `Q${i};plain;${i}`);
    const text = ['Case;Notes (a, b, c, d);X', ...first, ...later].join('\n');
    expect(Papa.parse(text, { delimitersToGuess: [',', ';', '\t'], preview: 10 }).meta.delimiter).toBe(',');
    expect(detectDelimiter(text)).toBe(';');
  });
  it('falls back to comma for a single column', () => {
    expect(detectDelimiter('Case\nP1\nP2\n')).toBe(',');
  });
  it('prefers the most consistent delimiter when none is fully consistent', () => {
    const text = 'Case\tA\tB\nP1\t1\t2\nP2\t3\nP3\t4\t5\nP4\t6\t7\nP5\t8\n';
    expect(detectDelimiter(text)).toBe('\t');
  });
});
