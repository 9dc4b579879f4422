/**
 * Search folding (shared/text/fold.ts): the letters unicode61 keeps are
 * replaced, offsets in the folded text map back to the stored text even
 * where a letter became two (ß → ss), and the SQL expression folds exactly
 * as the JavaScript does.
 */
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { foldForSearch, foldSqlExpression, foldWithMap, SEARCH_FOLDS } from '../../../shared/text/fold.js';

/** The stored substring a folded span maps back to. */
function storedOf(text: string, foldedNeedle: string): string {
  const m = foldWithMap(text);
  const at = m.folded.toLowerCase().indexOf(foldedNeedle);
  expect(at, `${foldedNeedle} in ${m.folded}`).toBeGreaterThanOrEqual(0);
  return text.slice(m.toStored(at, 'start'), m.toStored(at + foldedNeedle.length, 'end'));
}

describe('search folding', () => {
  it('folds strokes, ligatures and ß, and leaves everything else alone', () => {
    expect(foldForSearch('Søren Łódź Đorđe Straße Æsir Œuvre ıstanbul ﬁne Þór')).toBe('Soren Lódź Dorde Strasse AEsir OEuvre istanbul fine THór');
    const plain = 'Café naïve — 😀 中文 עברית\nline two';
    expect(foldForSearch(plain)).toBe(plain);
    expect(foldWithMap(plain).folded).toBe(plain);
  });

  it('maps folded offsets back to the stored text where the length changed', () => {
    const text = 'Die Straße, Ærø og Œuvre: straße.';
    expect(storedOf(text, 'strasse')).toBe('Straße');
    expect(storedOf(text, 'aero')).toBe('Ærø');
    expect(storedOf(text, 'oeuvre')).toBe('Œuvre');
    expect(storedOf(text, 'og')).toBe('og');
    expect(storedOf(text, 'strasse.')).toBe('straße.');
    expect(storedOf(text, 'die')).toBe('Die');
  });

  it('never cuts a stored letter: an offset inside an expansion widens to the letter', () => {
    const text = 'aßb';
    const m = foldWithMap(text);
    expect(m.folded).toBe('assb');
    // Folded "s" (the second one) alone: start inside ß → ß's start; end after it → ß's end.
    expect([m.toStored(2, 'start'), m.toStored(3, 'end')]).toEqual([1, 2]);
    expect([m.toStored(1, 'start'), m.toStored(2, 'end')]).toEqual([1, 2]);
    expect(m.toStored(4, 'end')).toBe(3);
    expect(m.toStored(0, 'start')).toBe(0);
  });

  it('keeps offsets exact after emoji (astral characters) and combining accents', () => {
    const text = '😀👍🏽 Søre\u0301n ﬃ Straße 🇬🇧 Łódź';
    expect(storedOf(text, 'strasse')).toBe('Straße');
    expect(storedOf(text, 'ffi')).toBe('ﬃ');
    expect(storedOf(text, 'sore\u0301n')).toBe('Søre\u0301n');
    const m = foldWithMap(text);
    const at = m.folded.indexOf('Lódź');
    expect(text.slice(m.toStored(at, 'start'), m.toStored(at + 4, 'end'))).toBe('Łódź');
  });

  it('folds in SQL exactly as in JavaScript', () => {
    const db = new Database(':memory:');
    try {
      const fold = db.prepare(`WITH t(x) AS (SELECT ?) SELECT ${foldSqlExpression('x')} FROM t`).pluck();
      const every = SEARCH_FOLDS.map(([from]) => from).join(' ') + ' Søren 😀 Straße';
      expect(fold.get(every)).toBe(foldForSearch(every));
      expect(fold.get('Plain café text, 😀 中文')).toBe('Plain café text, 😀 中文');
      expect(fold.get('All ASCII: no letters to fold.')).toBe('All ASCII: no letters to fold.');
      for (const [from, to] of SEARCH_FOLDS) {
        expect(from.length, from).toBe(1);
        expect(foldForSearch(`a${from}b`)).toBe(`a${to}b`);
        expect(fold.get(`a${from}b`), from).toBe(`a${to}b`);
      }
    } finally {
      db.close();
    }
  });
});
