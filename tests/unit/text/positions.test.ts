import { describe, expect, it } from 'vitest';
import { normalizeSourceText, rawToNormalizedOffsets } from '../../../shared/text/normalize.js';
import { buildPositionIndex, codePointLength, sliceCodePoints } from '../../../shared/text/positions.js';
import { mulberry32 } from '../../../shared/seededRandom.js';

/** The obvious (slow) reference: positions by Array.from, which iterates code points. */
const naive = {
  length: (t: string) => Array.from(t).length,
  slice: (t: string, s: number, e: number) => Array.from(t).slice(s, e).join(''),
  cpToUtf16: (t: string, cp: number) => Array.from(t).slice(0, cp).join('').length,
  /** The code point that contains UTF-16 offset u (an offset inside a pair snaps back to its start). */
  utf16ToCp: (t: string, u: number) => {
    let off = 0;
    let i = 0;
    for (const ch of Array.from(t)) {
      if (off + ch.length > u) return i;
      off += ch.length;
      i++;
    }
    return i;
  },
};

const rng = mulberry32;

const PIECES = [
  'a', 'Z', ' ', '\n', '\r', '\r\n', 'é', 'e\u0301', '中', '文', '日本', '한', '𠀀', // CJK ext. B (astral)
  '😀', '👍🏽', '👩‍👩‍👧', '🇬🇧', '🏳️‍🌈', 'مرحبا', 'שלום', '\u200f', '\u200d', '\ufeff',
  '\ud800', // lone high surrogate
  '\udc00', // lone low surrogate
  '…', '“', '”',
];

function randomText(next: () => number, maxPieces: number): string {
  const n = Math.floor(next() * maxPieces);
  let s = '';
  for (let i = 0; i < n; i++) s += PIECES[Math.floor(next() * PIECES.length)]!;
  return s;
}

describe('code point positions', () => {
  it('counts an emoji as one code point and two UTF-16 units', () => {
    const t = 'a😀b';
    const idx = buildPositionIndex(t);
    expect(idx.length).toBe(3);
    expect(idx.utf16Length).toBe(4);
    expect(codePointLength(t)).toBe(3);
    expect(idx.cpToUtf16(0)).toBe(0);
    expect(idx.cpToUtf16(1)).toBe(1);
    expect(idx.cpToUtf16(2)).toBe(3);
    expect(idx.cpToUtf16(3)).toBe(4);
    expect(idx.slice(1, 2)).toBe('😀');
    expect(idx.slice(2, 3)).toBe('b');
  });

  it('treats a ZWJ family as its separate code points', () => {
    const family = '👩\u200d👩\u200d👧'; // 3 emoji joined by two ZWJs
    const t = `x${family}y`;
    expect(codePointLength(family)).toBe(5);
    expect(family.length).toBe(8);
    const idx = buildPositionIndex(t);
    expect(idx.length).toBe(7);
    expect(idx.slice(1, 6)).toBe(family);
    expect(idx.slice(6, 7)).toBe('y');
    expect(idx.slice(2, 3)).toBe('\u200d');
    expect(idx.utf16ToCp(t.indexOf('y'))).toBe(6);
  });

  it('treats a flag as two regional indicator code points', () => {
    const t = 'UK 🇬🇧 flag';
    const idx = buildPositionIndex(t);
    expect(idx.length).toBe(10);
    expect(idx.slice(3, 5)).toBe('🇬🇧');
    expect(idx.slice(3, 4)).toBe('\u{1f1ec}');
    expect(idx.slice(5, 10)).toBe(' flag');
  });

  it('keeps a combining accent as its own code point (no Unicode normalisation)', () => {
    const decomposed = 'cafe\u0301 au lait';
    expect(codePointLength(decomposed)).toBe(13);
    expect(sliceCodePoints(decomposed, 3, 5)).toBe('e\u0301');
    expect(sliceCodePoints(decomposed, 4, 5)).toBe('\u0301');
    expect(normalizeSourceText(decomposed)).toBe(decomposed);
    expect(codePointLength(normalizeSourceText(decomposed))).toBe(13);
    // the precomposed form is a different, shorter text and is not produced by normalisation
    expect(codePointLength('café au lait')).toBe(12);
  });

  it('handles CJK, including astral ideographs', () => {
    const t = '我们在𠀀里开会'; // U+20000 is outside the BMP
    const idx = buildPositionIndex(t);
    expect(idx.length).toBe(7);
    expect(idx.utf16Length).toBe(8);
    expect(idx.slice(3, 4)).toBe('𠀀');
    expect(idx.slice(4, 7)).toBe('里开会');
    expect(idx.cpToUtf16(4)).toBe(5);
  });

  it('handles right-to-left text (logical order, like any other text)', () => {
    const arabic = 'قال: مرحبا بكم';
    const hebrew = 'היא אמרה \u200fשלום\u200f!';
    expect(codePointLength(arabic)).toBe(arabic.length);
    expect(sliceCodePoints(arabic, 5, 10)).toBe('مرحبا');
    const idx = buildPositionIndex(hebrew);
    expect(idx.length).toBe(hebrew.length);
    expect(idx.slice(9, 15)).toBe('\u200fשלום\u200f');
    const mixed = 'Name: محمد 😀 and דוד';
    const m = buildPositionIndex(mixed);
    expect(m.slice(6, 10)).toBe('محمد');
    expect(m.slice(11, 12)).toBe('😀');
    expect(m.slice(12, 20)).toBe(' and דוד');
  });

  it('maps a UTF-16 offset inside a surrogate pair back to the pair’s start', () => {
    const t = 'ab😀cd𠀀e';
    const idx = buildPositionIndex(t);
    expect(idx.utf16ToCp(2)).toBe(2); // before 😀
    expect(idx.utf16ToCp(3)).toBe(2); // between its halves
    expect(idx.utf16ToCp(4)).toBe(3); // after it
    expect(idx.utf16ToCp(7)).toBe(5); // inside 𠀀
    expect(idx.utf16ToCp(8)).toBe(6);
    expect(idx.utf16ToCp(t.length)).toBe(idx.length);
  });

  it('counts lone surrogates as one code point each, like Array.from', () => {
    const t = 'a\ud800b\udc00c\ud800\ud800\udc00';
    expect(codePointLength(t)).toBe(Array.from(t).length);
    const idx = buildPositionIndex(t);
    expect(idx.slice(5, 6)).toBe('\ud800');
    expect(idx.slice(6, 7)).toBe('\ud800\udc00');
  });

  it('round-trips every code point offset through UTF-16 and back', () => {
    const t = 'x😀é\u0301中𠀀🇬🇧👩\u200d👧مرحباשלום\n';
    const idx = buildPositionIndex(t);
    for (let cp = 0; cp <= idx.length; cp++) expect(idx.utf16ToCp(idx.cpToUtf16(cp))).toBe(cp);
    // and every UTF-16 offset that is a code point boundary round-trips the other way
    for (let u = 0; u <= t.length; u++) {
      const cp = idx.utf16ToCp(u);
      const back = idx.cpToUtf16(cp);
      const inPair = u > 0 && t.charCodeAt(u - 1) >= 0xd800 && t.charCodeAt(u - 1) <= 0xdbff && back !== u;
      expect(inPair ? back === u - 1 : back === u).toBe(true);
    }
  });

  it('rejects offsets outside the text, negative or fractional offsets', () => {
    const idx = buildPositionIndex('ab😀');
    expect(() => idx.cpToUtf16(-1)).toThrow(RangeError);
    expect(() => idx.cpToUtf16(4)).toThrow(/outside 0\.\.3/);
    expect(() => idx.cpToUtf16(1.5)).toThrow(RangeError);
    expect(() => idx.cpToUtf16(Number.NaN)).toThrow(RangeError);
    expect(() => idx.utf16ToCp(-1)).toThrow(RangeError);
    expect(() => idx.utf16ToCp(5)).toThrow(/outside 0\.\.4/);
    expect(() => idx.slice(0, 4)).toThrow(RangeError);
    expect(() => sliceCodePoints('abc', 2, 9)).toThrow(RangeError);
    expect(idx.cpToUtf16(3)).toBe(4); // the end itself is in range
  });

  it('handles the empty text', () => {
    const idx = buildPositionIndex('');
    expect(idx.length).toBe(0);
    expect(idx.cpToUtf16(0)).toBe(0);
    expect(idx.utf16ToCp(0)).toBe(0);
    expect(idx.slice(0, 0)).toBe('');
    expect(() => idx.cpToUtf16(1)).toThrow(RangeError);
  });

  it('agrees with a naive Array.from implementation on random text (seeded)', () => {
    for (const seed of [1, 2, 3, 42, 1234, 99991]) {
      const next = rng(seed);
      for (let round = 0; round < 60; round++) {
        const t = randomText(next, 40);
        const idx = buildPositionIndex(t);
        const ctx = `seed ${seed} round ${round}: ${JSON.stringify(t)}`;
        expect(idx.length, ctx).toBe(naive.length(t));
        expect(codePointLength(t), ctx).toBe(naive.length(t));
        expect(idx.utf16Length, ctx).toBe(t.length);
        for (let cp = 0; cp <= idx.length; cp++) expect(idx.cpToUtf16(cp), ctx).toBe(naive.cpToUtf16(t, cp));
        for (let u = 0; u <= t.length; u++) expect(idx.utf16ToCp(u), ctx).toBe(naive.utf16ToCp(t, u));
        for (let k = 0; k < 10 && idx.length > 0; k++) {
          const a = Math.floor(next() * (idx.length + 1));
          const b = Math.floor(next() * (idx.length + 1));
          const [s, e] = a <= b ? [a, b] : [b, a];
          expect(idx.slice(s, e), ctx).toBe(naive.slice(t, s, e));
          expect(sliceCodePoints(t, s, e), ctx).toBe(naive.slice(t, s, e));
        }
      }
    }
  });
});

describe('normalizeSourceText', () => {
  it('turns CRLF into LF', () => {
    expect(normalizeSourceText('one\r\ntwo\r\n')).toBe('one\ntwo\n');
  });

  it('turns a lone CR (old Mac) into LF', () => {
    expect(normalizeSourceText('one\rtwo\r')).toBe('one\ntwo\n');
    expect(normalizeSourceText('a\r\r\nb\n\rc')).toBe('a\n\nb\n\nc');
  });

  it('removes a leading byte-order mark only', () => {
    expect(normalizeSourceText('\ufeffHello')).toBe('Hello');
    expect(normalizeSourceText('\ufeff\ufeffHello')).toBe('\ufeffHello');
    expect(normalizeSourceText('Hel\ufefflo')).toBe('Hel\ufefflo');
    expect(normalizeSourceText('\ufeff')).toBe('');
  });

  it('changes nothing else: whitespace, tabs, accents, emoji stay', () => {
    const t = '  \tIndented 😀 e\u0301 \u00a0 trailing  \n\n';
    expect(normalizeSourceText(t)).toBe(t);
    expect(normalizeSourceText('\ufeffA\r\n😀\rB')).toBe('A\n😀\nB');
  });
});

describe('rawToNormalizedOffsets', () => {
  it('shifts offsets after each CRLF by one', () => {
    const raw = 'ab\r\ncd\r\nef';
    const map = rawToNormalizedOffsets(raw);
    const norm = normalizeSourceText(raw);
    expect(norm).toBe('ab\ncd\nef');
    expect(map(0)).toBe(0);
    expect(map(2)).toBe(2); // the CR → the LF's position
    expect(map(3)).toBe(2); // between CR and LF → end of the line
    expect(map(4)).toBe(3); // 'c'
    expect(norm[map(4)]).toBe('c');
    expect(norm[map(8)]).toBe('e');
    expect(map(raw.length)).toBe(norm.length);
  });

  it('leaves lone CRs and LF-only text alone', () => {
    const map = rawToNormalizedOffsets('a\rb\nc');
    for (let u = 0; u <= 5; u++) expect(map(u)).toBe(u);
  });

  it('matches normalising the prefix, on random text (seeded)', () => {
    const next = rng(7);
    for (let round = 0; round < 200; round++) {
      const raw = randomText(next, 30).replace(/\ufeff/g, '');
      const map = rawToNormalizedOffsets(raw);
      for (let u = 0; u <= raw.length; u++) {
        const midCrlf = u > 0 && raw[u - 1] === '\r' && raw[u] === '\n';
        const expected = normalizeSourceText(raw.slice(0, u)).length - (midCrlf ? 1 : 0);
        expect(map(u), `${JSON.stringify(raw)} at ${u}`).toBe(expected);
      }
    }
  });
});
