/**
 * DOM selection → document offsets in the virtualised document view, on a
 * small fake of the view's DOM (rows → line → text runs, stripes, notes):
 * points in runs, on line and row elements (where a triple-click ends), in
 * stripes, notes and blank space, outside the view, on blank lines, and
 * backwards selections.
 */
import { describe, expect, it } from 'vitest';
import { BLANK_LINE_TEXT, pointToOffset, selectionToOffsets, type DomNodeLike } from '../../../renderer/features/document/selectionOffsets.js';

class FakeNode implements DomNodeLike {
  parentNode: FakeNode | null = null;
  readonly childNodes: FakeNode[] = [];
  constructor(
    readonly nodeType: number,
    private readonly attrs: Record<string, string> = {},
    private readonly data = '',
  ) {}
  get textContent(): string {
    return this.nodeType === 3 ? this.data : this.childNodes.map((c) => c.textContent).join('');
  }
  getAttribute(name: string): string | null {
    return this.attrs[name] ?? null;
  }
}
function el(attrs: Record<string, string>, ...children: FakeNode[]): FakeNode {
  const n = new FakeNode(1, attrs);
  for (const c of children) {
    c.parentNode = n;
    n.childNodes.push(c);
  }
  return n;
}
const txt = (data: string): FakeNode => new FakeNode(3, {}, data);

/** A rendered line as DocumentView draws it: runs cut at coding edges, then stripes and notes. */
function line(index: number, text: string, start: number, cuts: number[] = [], note?: string): FakeNode {
  const points = [0, ...cuts, text.length];
  const runs =
    text.length === 0
      ? [el({ 'data-o': String(start) }, txt(BLANK_LINE_TEXT))]
      : points.slice(0, -1).map((p, i) => el({ 'data-o': String(start + p) }, txt(text.slice(p, points[i + 1]))));
  const parts = [el({ 'data-ls': String(start), 'data-le': String(start + text.length) }, ...runs), el({ class: 'doc-stripes' }, el({ 'data-coding-id': '1' }))];
  if (note) parts.push(el({ class: 'doc-notes' }, el({ 'data-memo-id': '1' }, el({}, txt(note)))));
  return el({ 'data-index': String(index) }, el({ class: 'doc-line' }, ...parts));
}

// Stored text: "Alpha beta.\nGamma 😀 delta\n\nEpsilon" — lines 3..5 rendered (say), offsets UTF-16.
const L1 = 'Alpha beta.';
const L2 = 'Gamma 😀 delta';
const L4 = 'Epsilon';
const s2 = L1.length + 1;
const s3 = s2 + L2.length + 1;
const s4 = s3 + 1;
const rows = [line(0, L1, 0, [6]), line(1, L2, s2, [6, 8], 'a note'), line(2, '', s3), line(3, L4, s4)];
const body = el({ class: 'doc-body' }, ...rows);
const scroll = el({ class: 'doc-scroll' }, body);
const page = el({}, el({ class: 'sidebar' }, txt('Codes')), scroll, el({ class: 'status' }, txt('Ready')));

const run = (row: number, i: number): FakeNode => rows[row]!.childNodes[0]!.childNodes[0]!.childNodes[i]!;
const textOf = (row: number, i: number): FakeNode => run(row, i).childNodes[0]!;
const lineText = (row: number): FakeNode => rows[row]!.childNodes[0]!.childNodes[0]!;
const stripes = (row: number): FakeNode => rows[row]!.childNodes[0]!.childNodes[1]!;
const at = (node: FakeNode, offset: number, edge: 'start' | 'end' = 'start') => pointToOffset(node, offset, edge, scroll);
const sel = (anchorNode: FakeNode, anchorOffset: number, focusNode: FakeNode, focusOffset: number) =>
  selectionToOffsets({ rangeCount: 1, anchorNode, anchorOffset, focusNode, focusOffset }, scroll);

describe('DOM point → text offset', () => {
  it('maps points in text runs, including runs after a highlight cut and after an emoji', () => {
    expect(at(textOf(0, 0), 2)).toBe(2);
    expect(at(textOf(0, 1), 3)).toBe(9);
    expect(at(textOf(1, 2), 1)).toBe(s2 + 9); // after "Gamma 😀" (the emoji is two UTF-16 units)
    expect(at(run(0, 1), 0)).toBe(6);
    expect(at(run(0, 1), 1)).toBe(L1.length);
  });

  it('maps the end of a triple-click (start of the next line or row) to a position at or after the line end', () => {
    // Chromium ends a triple-click selection at the next block's start.
    expect(at(lineText(1), 0, 'end')).toBe(s2);
    expect(at(rows[1]!, 0, 'end')).toBe(L1.length);
    expect(at(body, 1, 'end')).toBe(L1.length);
    expect(at(rows[1]!.childNodes[0]!, 0, 'end')).toBe(L1.length);
  });

  it('maps points in stripes and beside the text to the line edges', () => {
    expect(at(stripes(0), 0, 'end')).toBe(L1.length);
    expect(at(stripes(0), 0, 'start')).toBe(s2);
    expect(at(lineText(0), lineText(0).childNodes.length, 'start')).toBe(L1.length);
    expect(at(lineText(0), lineText(0).childNodes.length, 'end')).toBe(L1.length);
    expect(at(lineText(1), 0, 'start')).toBe(s2);
  });

  it('maps text in a margin note to the edge of its line', () => {
    const note = rows[1]!.childNodes[0]!.childNodes[2]!.childNodes[0]!.childNodes[0]!.childNodes[0]!;
    expect(note.textContent).toBe('a note');
    expect(at(note, 3, 'end')).toBe(s2 + L2.length);
    expect(at(note, 3, 'start')).toBe(s3);
  });

  it('maps blank lines and blank space after the text', () => {
    expect(at(textOf(2, 0), 1)).toBe(s3);
    expect(at(textOf(2, 0), 0)).toBe(s3);
    expect(at(scroll, 1, 'end')).toBe(s4 + L4.length);
    expect(at(scroll, 0, 'start')).toBe(0);
  });

  it('clamps points outside the document view to its first or last rendered text', () => {
    expect(at(page.childNodes[0]!.childNodes[0]!, 2)).toBe(0);
    expect(at(page.childNodes[2]!.childNodes[0]!, 2, 'end')).toBe(s4 + L4.length);
    expect(at(page, 2, 'end')).toBe(s4 + L4.length);
    expect(at(page, 1, 'start')).toBe(0);
  });
});

describe('DOM selection → offsets', () => {
  it('orders a backwards selection but keeps its anchor and focus', () => {
    expect(sel(textOf(1, 0), 3, textOf(0, 0), 1)).toEqual({ anchor: s2 + 3, focus: 1, start: 1, end: s2 + 3 });
  });

  it('covers a selection from a stripe to blank space below the text', () => {
    expect(sel(stripes(0), 0, scroll, 1)).toEqual({ anchor: s2, focus: s4 + L4.length, start: s2, end: s4 + L4.length });
  });

  it('is null for a selection of no text (collapsed, or within one stripe)', () => {
    expect(sel(textOf(0, 0), 2, textOf(0, 0), 2)).toBeNull();
    expect(sel(stripes(0), 0, stripes(0), 1)).toBeNull();
    expect(selectionToOffsets({ rangeCount: 0, anchorNode: null, anchorOffset: 0, focusNode: null, focusOffset: 0 }, scroll)).toBeNull();
  });

  it('is null for a selection entirely outside the view', () => {
    expect(sel(page.childNodes[0]!.childNodes[0]!, 0, page.childNodes[0]!.childNodes[0]!, 3)).toBeNull();
  });

  it('takes the part inside the view of a selection reaching outside it', () => {
    expect(sel(textOf(3, 0), 2, page.childNodes[2]!.childNodes[0]!, 3)).toEqual({ anchor: s4 + 2, focus: s4 + L4.length, start: s4 + 2, end: s4 + L4.length });
  });
});
