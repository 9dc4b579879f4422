import { describe, expect, it } from 'vitest';
import { codePointLength, sliceCodePoints } from '../../../shared/text/positions.js';
import { snapToWords } from '../../../shared/text/structure.js';

/** Code-point span of needle's first occurrence. */
function spanOf(text: string, needle: string): { start: number; end: number } {
  const u = text.indexOf(needle);
  if (u < 0) throw new Error(`"${needle}" not found`);
  const start = codePointLength(text.slice(0, u));
  return { start, end: start + codePointLength(needle) };
}
const snap = (text: string, needle: string): string => {
  const s = spanOf(text, needle);
  const r = snapToWords(text, s.start, s.end);
  return sliceCodePoints(text, r.start, r.end);
};

describe('snapToWords keeps emoji and pictographs', () => {
  it('keeps a trailing emoji, as in the vertical-slice transcript', () => {
    const t = 'Respondent: Mostly to meet other founders — Zoë said it would help 👍 and it did.';
    expect(snap(t, 'meet other founders — Zoë said it would help 👍')).toBe('meet other founders — Zoë said it would help 👍');
    // A selection that stops in the space after the emoji still ends with it.
    expect(snap(t, 'would help 👍 ')).toBe('would help 👍');
    expect(snap(t, ' 👍 ')).toBe('👍');
  });

  it('keeps a leading emoji and widens the partial word after it', () => {
    const t = 'Great 🎉 news today';
    expect(snap(t, '🎉 ne')).toBe('🎉 news');
  });

  it('keeps skin tones, variation selectors and ZWJ sequences whole', () => {
    const t = 'ok 👍🏽 love ❤️ family 👨‍👩‍👧 flag 🇬🇧🇫🇷 end';
    expect(snap(t, 'ok 👍')).toBe('ok 👍🏽');
    expect(snap(t, 'love ❤')).toBe('love ❤️');
    expect(snap(t, 'family 👨')).toBe('family 👨‍👩‍👧');
    expect(snap(t, '👧')).toBe('👨‍👩‍👧');
    // Two flags: a span touching the first keeps that flag only.
    expect(snap(t, 'flag 🇬')).toBe('flag 🇬🇧');
    expect(snap(t, '🇫🇷 e')).toBe('🇫🇷 end');
  });

  it('treats each pictograph as a word of its own, apart from adjacent letters', () => {
    const t = 'help👍👍 now';
    const s = spanOf(t, 'he');
    const r = snapToWords(t, s.start, s.end);
    expect(sliceCodePoints(t, r.start, r.end)).toBe('help');
    expect(snap(t, '👍👍')).toBe('👍👍');
  });

  it('returns code-point offsets, not UTF-16 offsets', () => {
    const t = '🙂 a 👍';
    const r = snapToWords(t, 0, codePointLength(t));
    expect(r).toEqual({ start: 0, end: 5 });
    expect(codePointLength(t)).toBe(5);
  });

  it('keeps selected punctuation and collapses a span of spaces only', () => {
    const t = 'a — , b';
    expect(snapToWords(t, 1, 5)).toEqual({ start: 2, end: 5 });
    expect(snapToWords(t, 3, 4)).toEqual({ start: 3, end: 3 });
  });
});
