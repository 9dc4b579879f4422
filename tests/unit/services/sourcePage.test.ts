import { afterEach, describe, expect, it } from 'vitest';
import type { ProjectDb } from '../../../shared/db/projectDb.js';
import { createCode } from '../../../shared/services/codeService.js';
import { applyCoding } from '../../../shared/services/codingService.js';
import { firstPage, pageCut } from '../../../shared/services/sourcePage.js';
import { getDocument } from '../../../shared/services/sourceService.js';
import { buildPositionIndex, codePointLength } from '../../../shared/text/positions.js';
import { addSource, newProject } from '../db/testProject.js';

const open: ProjectDb[] = [];
afterEach(() => {
  for (const p of open.splice(0)) p.close();
});

function project() {
  const made = newProject();
  open.push(made.project);
  return made;
}

describe('pageCut', () => {
  it('ends after the last line break when that keeps half the page or more', () => {
    expect(pageCut('the first line\nnext', false)).toBe('the first line\n'.length);
    expect(pageCut('ab\ncdefghijklmnop', false)).toBe('ab\ncdefghijklmnop'.length);
  });

  it('keeps a CR with its LF', () => {
    expect(pageCut('first\r\nsecond\r', false)).toBe('first\r\n'.length);
    expect(pageCut('a\nbcdefghijk\r', false)).toBe('a\nbcdefghijk'.length);
  });

  it('takes a text that fits whole', () => {
    expect(pageCut('all of it\nends here\r', true)).toBe('all of it\nends here\r'.length);
  });
});

describe('firstPage', () => {
  it('cuts by code points: an emoji at the boundary is whole or not there, and positions match the whole text', () => {
    const { ctx, project: p } = project();
    // 9 code points, then an emoji (2 UTF-16 units) at code point 9, and no line break to cut at.
    const text = 'Wenn ich 😀 sage, meine ich das so, und mehr nicht.';
    const id = addSource(ctx, 'Emoji', text);
    const at10 = firstPage(p.db, id, 10);
    expect(at10.text).toBe('Wenn ich 😀');
    expect(at10.end).toBe(10);
    const at9 = firstPage(p.db, id, 9);
    expect(at9.text).toBe('Wenn ich ');
    expect(at9.end).toBe(9);
    expect(at10.characters).toBe(codePointLength(text));
  });

  it('holds whole lines of a CRLF text, the codings starting in them (one running on past the page), and the whole counts', () => {
    const { ctx, project: p } = project();
    const lines = ['Interviewer: Wie kam es dazu? 数据', 'Respondent: Über einen Kollegen 👍 im Verband.', 'Interviewer: Und danach?', 'Respondent: Nichts weiter.'];
    const text = lines.join('\r\n');
    const id = addSource(ctx, 'CRLF', text);
    const codeId = createCode(ctx, { path: 'Wege' });
    const cps = (s: string) => codePointLength(s);
    const secondStart = cps(lines[0]!) + 2;
    const thirdStart = secondStart + cps(lines[1]!) + 2;
    // Starts in the second line and runs into the third; one in the last line only.
    const across = applyCoding(ctx, { sourceId: id, start: secondStart + 12, end: thirdStart + 5, codeId });
    const later = applyCoding(ctx, { sourceId: id, start: thirdStart + cps(lines[2]!) + 4, end: thirdStart + cps(lines[2]!) + 10, codeId });
    const first = applyCoding(ctx, { sourceId: id, start: 0, end: 11, codeId });
    // A page that would end inside the third line ends after the second line's CRLF.
    const page = firstPage(p.db, id, thirdStart + 4);
    expect(page.text).toBe(`${lines[0]}\r\n${lines[1]}\r\n`);
    expect(page.end).toBe(thirdStart);
    expect(page.codings.map((c) => c.id)).toEqual([first.id, across.id]);
    expect(page.codings.map((c) => c.id)).not.toContain(later.id);
    expect(page.codings[1]!.end).toBe(thirdStart + 5);
    expect(page.codingCount).toBe(3);
    expect(page.characters).toBe(cps(text));
    // The page is the start of the whole text, position for position.
    const whole = getDocument(p.db, id, true);
    expect(whole.text.slice(0, buildPositionIndex(whole.text).cpToUtf16(page.end))).toBe(page.text);
    expect(whole.codings.filter((c) => c.start < page.end)).toEqual(page.codings);
  });

  it('is the whole text and every coding when the page is as long as the source', () => {
    const { ctx, project: p } = project();
    const text = 'Kurz.\r\nNoch kürzer\r';
    const id = addSource(ctx, 'Short', text);
    const page = firstPage(p.db, id, 1_000);
    expect(page.text).toBe(getDocument(p.db, id, false).text);
    expect(page.end).toBe(page.characters);
  });

  it('names a source that is gone', () => {
    const { project: p } = project();
    expect(() => firstPage(p.db, 999, 10)).toThrow(/no longer exists/);
  });
});
