/**
 * Editing a framework cell's summary as mini-markdown in a plain text box
 * (each line a paragraph, "- " starts a bullet): the bullet-list toggle
 * and list continuation on Enter. Pure: text and selection in, text and
 * selection out (UTF-16 offsets, as a textarea reports them).
 */
export const BULLET = '- ';

export interface TextEdit {
  text: string;
  selStart: number;
  selEnd: number;
}

interface LineRange {
  start: number;
  end: number;
}

/** The lines a selection touches (a selection ending at a line's start does not take that line). */
function touchedLines(text: string, selStart: number, selEnd: number): LineRange[] {
  const first = text.lastIndexOf('\n', selStart - 1) + 1;
  const lastPos = selEnd > selStart && text[selEnd - 1] === '\n' ? selEnd - 1 : selEnd;
  const lines: LineRange[] = [];
  let start = first;
  for (;;) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    lines.push({ start, end });
    if (nl < 0 || end >= lastPos) break;
    start = nl + 1;
  }
  return lines;
}

const isBullet = (line: string) => line.startsWith(BULLET);

/** Whether every non-empty line the selection touches is a bullet (the toolbar button's pressed state). */
export function selectionIsBulleted(text: string, selStart: number, selEnd: number): boolean {
  const lines = touchedLines(text, selStart, selEnd).map((l) => text.slice(l.start, l.end));
  const filled = lines.filter((l) => l.trim() !== '');
  return filled.length > 0 ? filled.every(isBullet) : lines.some(isBullet);
}

/**
 * Makes the touched lines bullets, or plain paragraphs when they all are
 * bullets already. Blank lines are left alone, except a lone blank line
 * under the caret, which becomes an empty bullet to type into.
 */
export function toggleBullets(text: string, selStart: number, selEnd: number): TextEdit {
  const lines = touchedLines(text, selStart, selEnd);
  const remove = selectionIsBulleted(text, selStart, selEnd);
  const single = lines.length === 1;
  /** Where the text changes: +2 (a bullet added) or -2 (removed) at a line's start. */
  const changes: { start: number; delta: number }[] = [];
  let out = '';
  let cursor = 0;
  for (const l of lines) {
    const line = text.slice(l.start, l.end);
    out += text.slice(cursor, l.start);
    if (remove && isBullet(line)) {
      out += line.slice(BULLET.length);
      changes.push({ start: l.start, delta: -BULLET.length });
    } else if (!remove && !isBullet(line) && (line.trim() !== '' || single)) {
      out += BULLET + line;
      changes.push({ start: l.start, delta: BULLET.length });
    } else out += line;
    cursor = l.end;
  }
  out += text.slice(cursor);
  const collapsed = selStart === selEnd;
  const map = (p: number) => {
    let q = p;
    for (const c of changes) {
      if (c.start < p) q += c.delta < 0 ? -Math.min(-c.delta, p - c.start) : c.delta;
      else if (c.start === p && c.delta > 0 && collapsed) q += c.delta;
    }
    return q;
  };
  return { text: out, selStart: map(selStart), selEnd: map(selEnd) };
}

/**
 * Enter inside a bullet: continues the list with a new "- " line; Enter on
 * an empty bullet ends the list (the empty bullet becomes a plain empty
 * line). Returns null when Enter should behave as usual.
 */
export function continueList(text: string, caret: number): TextEdit | null {
  const start = text.lastIndexOf('\n', caret - 1) + 1;
  const nl = text.indexOf('\n', caret);
  const end = nl < 0 ? text.length : nl;
  const line = text.slice(start, end);
  if (!isBullet(line)) return null;
  if (line.trim() === '-' || line === BULLET) {
    const out = text.slice(0, start) + text.slice(end);
    return { text: out, selStart: start, selEnd: start };
  }
  const insert = `\n${BULLET}`;
  const out = text.slice(0, caret) + insert + text.slice(caret);
  const pos = caret + insert.length;
  return { text: out, selStart: pos, selEnd: pos };
}
