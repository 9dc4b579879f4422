/**
 * Find in document (shared/text/findInText.ts): case- and accent-folding
 * matches that map back to exact spans of the original text, in code points,
 * for emoji, CJK, right-to-left text and text imported with CRLF.
 */
import { describe, expect, it } from 'vitest';
import { findMatches, foldText } from '../../../shared/text/findInText.js';
import { normalizeSourceText } from '../../../shared/text/normalize.js';
import { buildPositionIndex } from '../../../shared/text/positions.js';

/** Matches as [code-point start, code-point end, matched text]. */
function cpMatches(text: string, query: string): [number, number, string][] {
  const index = buildPositionIndex(text);
  return findMatches(foldText(text), query).map((m) => [index.utf16ToCp(m.start), index.utf16ToCp(m.end), text.slice(m.start, m.end)]);
}

describe('find in document', () => {
  it('ignores case and accents, and counts every match', () => {
    const text = 'Café owners met at the CAFE; a cafe\u0301 later, café again.';
    expect(cpMatches(text, 'cafe').map((m) => m[2])).toEqual(['Café', 'CAFE', 'cafe\u0301', 'café']);
    expect(cpMatches(text, 'CAFÉ')).toHaveLength(4);
  });

  it('folds stroke letters and ligatures like project search, and never cuts a letter', () => {
    expect(cpMatches('Łódź and the Straße office', 'lodz').map((m) => m[2])).toEqual(['Łódź']);
    expect(cpMatches('Łódź and the Straße office', 'strasse').map((m) => m[2])).toEqual(['Straße']);
    expect(cpMatches('Łódź and the Straße office', 'ffi').map((m) => m[2])).toEqual(['ffi']);
    expect(cpMatches('the ﬁnal ﬁgure', 'fi').map((m) => m[2])).toEqual(['ﬁ', 'ﬁ']);
    // "s" inside ß: one match for the whole letter, not two halves.
    expect(cpMatches('ß', 's').map((m) => m[2])).toEqual(['ß']);
  });

  it('answers code-point exact spans after emoji, CJK and right-to-left text', () => {
    const text = 'We 👍 met 👨‍👩‍👧 in 東京 — قالت إن الشبكة ساعدتها — then met again';
    const [first, second] = cpMatches(text, 'met');
    expect(first).toEqual([5, 8, 'met']);
    const cp = [...text];
    expect(cp.slice(second![0], second![1]).join('')).toBe('met');
    expect(cpMatches(text, '東京')).toHaveLength(1);
    expect(cpMatches(text, 'الشبكة').map((m) => m[2])).toEqual(['الشبكة']);
    expect(cpMatches(text, '👍')[0]!.slice(0, 2)).toEqual([3, 4]);
  });

  it('finds across lines of a CRLF file as stored (line ends normalised)', () => {
    const text = normalizeSourceText('First line\r\nsecond LINE here\r\nthird line');
    const found = cpMatches(text, 'line');
    expect(found.map((m) => m[0])).toEqual([6, 18, 34]);
    expect(found.every((m) => m[2].toLowerCase() === 'line')).toBe(true);
  });

  it('matches nothing for an empty or accent-only query', () => {
    expect(findMatches(foldText('abc'), '')).toEqual([]);
    expect(findMatches(foldText('abc'), '\u0301')).toEqual([]);
  });
});
