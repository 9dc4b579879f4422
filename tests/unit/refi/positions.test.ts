/** Which unit a file's offsets count in, decided by origin or measured on word boundaries. */
import { describe, it, expect } from 'vitest';
import { readRefiPackage } from '../../../shared/refi/qdpxReader.js';
import { formatDecimal, normalizeColor, valueElementFor } from '../../../shared/refi/refiValues.js';
import { codebook, G, pack, project, selection } from './handmade.js';

// Emoji before every coded word make the two units disagree more and more along the text.
const TEXT = 'Intro 😀 alpha 🎉 beta 🚀 gamma 🌍 delta 🎈 omega end.\r\nNext 🙂 line here.\r\n';
const WORDS = ['alpha', 'beta', 'gamma', 'delta', 'omega', 'line'];

/** Offsets of WORDS in TEXT under a counting model. */
function offsets(unit: 'utf16' | 'codepoint', crlfAsTwo: boolean): [number, number][] {
  const ref = crlfAsTwo ? TEXT : TEXT.replace(/\r\n/g, '\n');
  return WORDS.map((w) => {
    const u = ref.indexOf(w);
    const start = unit === 'utf16' ? u : Array.from(ref.slice(0, u)).length;
    return [start, start + w.length];
  });
}

function packageWith(unit: 'utf16' | 'codepoint', crlfAsTwo: boolean, origin?: string): Uint8Array {
  const sels = offsets(unit, crlfAsTwo).map(([s, e], i) => selection(i + 1, s, e)).join('');
  const body = codebook() + `<Sources><TextSource guid="${G.src1}" name="T" plainTextPath="internal://t.txt">${sels}</TextSource></Sources>`;
  return pack({ 'project.qde': project(body, origin), 'sources/t.txt': TEXT });
}

function codedWords(bytes: Uint8Array): { words: string[]; unit: string; reason: string } {
  const r = readRefiPackage('units.qdpx', bytes);
  const src = r.project.sources[0];
  const cps = Array.from(src?.text ?? '');
  return { words: (src?.selections ?? []).map((s) => cps.slice(s.start, s.end).join('')), unit: r.positionUnit, reason: r.positionUnitReason };
}

describe('REFI-QDA position units', () => {
  for (const unit of ['utf16', 'codepoint'] as const) {
    for (const crlfAsTwo of [true, false]) {
      it(`measures ${unit} offsets with CRLF counted as ${crlfAsTwo ? 'two' : 'one'} when the origin is unknown`, () => {
        const got = codedWords(packageWith(unit, crlfAsTwo, 'SomeTool 2.0'));
        expect(got.unit).toBe(unit);
        expect(got.words).toEqual(WORDS);
        expect(got.reason).toMatch(/"SomeTool 2\.0" is not a tool whose unit Quarry knows, so it measured/);
        expect(got.reason).toMatch(crlfAsTwo ? /counted them as two/ : /counted them as one/);
      });
    }
  }

  it('trusts the origin for NVivo even where measuring would be ambiguous', () => {
    const got = codedWords(packageWith('utf16', true, 'NVivo for Mac 12.7.0'));
    expect(got.unit).toBe('utf16');
    expect(got.words).toEqual(WORDS);
    expect(got.reason).toMatch(/^origin "NVivo for Mac 12\.7\.0": NVivo counts offsets in UTF-16 code units/);
  });

  it('assumes code points when no coded text has astral characters, and says why', () => {
    const body = codebook() + `<Sources><TextSource guid="${G.src1}" name="T"><PlainTextContent>plain text only</PlainTextContent>${selection(1, 6, 10)}</TextSource></Sources>`;
    const r = readRefiPackage('bmp.qde', new TextEncoder().encode(project(body, 'MAXQDA 24')));
    expect(r.positionUnit).toBe('codepoint');
    expect(r.positionUnitReason).toMatch(/code points and UTF-16 units give the same offsets/);
  });

  it('maps an offset inside an emoji (UTF-16) to the start of that emoji', () => {
    const body = codebook() + `<Sources><TextSource guid="${G.src1}" name="T"><PlainTextContent>a😀b c</PlainTextContent>${selection(1, 2, 5)}</TextSource></Sources>`;
    const r = readRefiPackage('split.qde', new TextEncoder().encode(project(body, 'NVivo 14')));
    expect(r.project.sources[0]?.selections[0]).toMatchObject({ start: 1, end: 4 });
  });
});

describe('REFI-QDA simple values', () => {
  it('writes decimals without exponents', () => {
    expect(formatDecimal(1e-9)).toBe('0.000000001');
    expect(formatDecimal(-2.5e-7)).toBe('-0.00000025');
    expect(formatDecimal(1.5e21)).toBe('1500000000000000000000');
    expect(formatDecimal(0.1)).toBe('0.1');
    expect(Number(formatDecimal(1.2345678901234567e-12))).toBe(1.2345678901234567e-12);
  });

  it('falls back to TextValue for values that do not fit their variable type', () => {
    expect(valueElementFor('Integer', 2.5)).toEqual({ element: 'TextValue', text: '2.5' });
    expect(valueElementFor('Date', '17 May 1990')).toEqual({ element: 'TextValue', text: '17 May 1990' });
    expect(valueElementFor('Float', Number.NaN)).toEqual({ element: 'TextValue', text: 'NaN' });
    expect(valueElementFor('Boolean', 'yes')).toEqual({ element: 'TextValue', text: 'yes' });
    expect(valueElementFor('Boolean', '1')).toEqual({ element: 'BooleanValue', text: 'true' });
    expect(valueElementFor('Text', null)).toBeUndefined();
  });

  it('normalises colours to #RRGGBB', () => {
    expect(normalizeColor('#abc')).toBe('#AABBCC');
    expect(normalizeColor(' #12ab34 ')).toBe('#12AB34');
    expect(normalizeColor('red')).toBeUndefined();
  });
});
