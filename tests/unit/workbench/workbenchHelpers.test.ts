import { describe, expect, it } from 'vitest';
import { coderPredicate, filterValue, parseFilterValue } from '../../../renderer/features/coders/coderFilter.js';
import { nudgeSpan } from '../../../renderer/features/coding/spanNudge.js';
import { codingAt, segmentLine, startsByLine, splitLines } from '../../../renderer/features/document/documentLayout.js';
import { memoAbout, memoExcerpt } from '../../../renderer/features/memos/memoFormat.js';
import { attributionOf, passageClipboardText, passagesClipboardText } from '../../../renderer/features/passages/attribution.js';
import { displayChord, keyChord } from '../../../renderer/features/shortcuts/keyChord.js';
import type { Memo } from '../../../shared/domain/types.js';
import { buildPositionIndex, codePointLength } from '../../../shared/text/positions.js';

const key = (k: string, code: string, mods: Partial<{ ctrl: boolean; meta: boolean; alt: boolean; shift: boolean }> = {}) => ({
  key: k,
  code,
  ctrlKey: !!mods.ctrl,
  metaKey: !!mods.meta,
  altKey: !!mods.alt,
  shiftKey: !!mods.shift,
});

describe('key chords', () => {
  it('names chords with Mod for Ctrl (or ⌘ on a Mac) and physical digits and letters', () => {
    expect(keyChord(key('z', 'KeyZ', { ctrl: true }), false)).toBe('Mod+Z');
    expect(keyChord(key('Z', 'KeyZ', { ctrl: true, shift: true }), false)).toBe('Mod+Shift+Z');
    expect(keyChord(key('z', 'KeyZ', { meta: true }), true)).toBe('Mod+Z');
    expect(keyChord(key('¡', 'Digit1', { alt: true }), true)).toBe('Alt+1');
    expect(keyChord(key('1', 'Digit1'), false)).toBe('1');
    expect(keyChord(key('v', 'KeyV'), false)).toBe('V');
    expect(keyChord(key('N', 'KeyN', { shift: true }), false)).toBe('Shift+N');
    expect(keyChord(key('?', 'Slash', { shift: true }), false)).toBe('?');
    expect(keyChord(key('{', 'BracketLeft', { shift: true }), false)).toBe('{');
    expect(keyChord(key('Delete', 'Delete'), false)).toBe('Delete');
    expect(keyChord(key('F2', 'F2'), false)).toBe('F2');
  });

  it('shows chords the platform’s way', () => {
    expect(displayChord('Mod+Shift+Z', false)).toBe('Ctrl+Shift+Z');
    expect(displayChord('Mod+K', true)).toBe('⌘K');
    expect(displayChord('Alt+ArrowUp', false)).toBe('Alt+↑');
  });
});

describe('coder filter', () => {
  it('builds a predicate over coder names', () => {
    expect(coderPredicate({ kind: 'all' }, 'Ruth')).toBeNull();
    const mine = coderPredicate({ kind: 'mine' }, 'Ruth')!;
    expect([mine('Ruth'), mine('Daniel')]).toEqual([true, false]);
    const daniel = coderPredicate({ kind: 'coder', name: 'Daniel Osei' }, 'Ruth')!;
    expect([daniel('Ruth'), daniel('Daniel Osei')]).toEqual([false, true]);
  });

  it('round-trips the select value, names with colons included', () => {
    for (const f of [{ kind: 'all' }, { kind: 'mine' }, { kind: 'coder', name: 'A: B' }] as const) expect(parseFilterValue(filterValue(f))).toEqual(f);
  });
});

describe('passage attribution', () => {
  it('cites the case name, else the source name', () => {
    expect(attributionOf({ case: 'E4', source: 'Interview 4' })).toBe('[E4]');
    expect(attributionOf({ case: null, source: 'Interview 4' })).toBe('[Interview 4]');
    expect(passageClipboardText({ case: 'E4', source: 'x', text: ' It was the people 👍 ' })).toBe('“It was the people 👍” [E4]');
    expect(passagesClipboardText([{ case: 'E4', source: 'x', text: 'a' }, { case: null, source: 'S', text: 'b' }])).toBe('“a” [E4]\n\n“b” [S]');
  });
});

describe('coding resize by a word', () => {
  const text = 'We met every week — it helped 👍 a lot.\nNext line here.';
  const index = buildPositionIndex(text);
  const cp = (needle: string) => codePointLength(text.slice(0, text.indexOf(needle)));
  const span = { start: cp('every'), end: cp('week') + 4 };
  it('moves either edge one word left or right, in code points', () => {
    expect(nudgeSpan(text, index, span, 'start', -1)).toEqual({ start: cp('met'), end: span.end });
    expect(nudgeSpan(text, index, span, 'start', 1)).toEqual({ start: cp('week'), end: span.end });
    expect(nudgeSpan(text, index, span, 'end', 1)).toEqual({ start: span.start, end: cp('it') + 2 });
    expect(nudgeSpan(text, index, span, 'end', -1)).toEqual({ start: span.start, end: cp('every') + 5 });
  });
  it('counts an emoji as a word and never empties or inverts the span', () => {
    const e = { start: cp('it'), end: cp('helped') + 6 };
    expect(nudgeSpan(text, index, e, 'end', 1)).toEqual({ start: e.start, end: cp('👍') + 1 });
    const one = { start: cp('week'), end: cp('week') + 4 };
    expect(nudgeSpan(text, index, one, 'start', 1)).toEqual(one);
    expect(nudgeSpan(text, index, one, 'end', -1)).toEqual(one);
  });
});

describe('document layout helpers', () => {
  const text = 'one two three\nfour five';
  const lines = splitLines(text);
  it('cuts segments at codings and annotations', () => {
    const segs = segmentLine(lines[0]!, [{ id: 1, codeId: 1, start: 0, end: 7 }], [{ id: 9, codeId: 0, start: 4, end: 13 }]);
    expect(segs.map((s) => [s.start, s.end, s.covering.length, s.marks.length])).toEqual([
      [0, 4, 1, 0],
      [4, 7, 1, 1],
      [7, 13, 0, 1],
    ]);
  });
  it('places notes on the line their span starts and picks the shortest coding under a click', () => {
    const starts = startsByLine(lines, [{ id: 9, codeId: 0, start: 15, end: 20 }]);
    expect([...starts.keys()]).toEqual([1]);
    const spans = [
      { id: 1, codeId: 1, start: 0, end: 13 },
      { id: 2, codeId: 2, start: 4, end: 7 },
    ];
    expect(codingAt(spans, 5)?.id).toBe(2);
    expect(codingAt(spans, 1)?.id).toBe(1);
    expect(codingAt(spans, 13)).toBeNull();
  });
});

describe('memo formatting', () => {
  const memo: Memo = { id: 1, guid: 'g', target: 'span', sourceId: 3, codeId: null, codingId: null, caseId: null, start: 4, end: 9, title: '', body: 'Line one\n\nline two', author: 'Ruth', createdAt: '2025-03-03T14:05:00.000Z', modifiedAt: '2025-03-03T14:05:00.000Z' };
  it('says what a memo is about and shortens its text', () => {
    const look = { sourceName: (id: number) => (id === 3 ? 'E4' : undefined), codePath: () => undefined };
    expect(memoAbout(memo, look)).toBe('Annotation in E4 [4–9)');
    expect(memoAbout({ ...memo, target: 'code', codeId: 7 }, look)).toBe('Code (deleted)');
    expect(memoExcerpt(memo)).toBe('Line one line two');
    expect(memoExcerpt({ title: 'T', body: 'x'.repeat(300) }, 20)).toHaveLength(20);
  });
});
