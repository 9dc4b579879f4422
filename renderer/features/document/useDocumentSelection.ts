import { useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { snapToWords, trimSpanWhitespace } from '../../../shared/text/structure.js';
import { useWorkbench } from '../workbench/workbenchState.js';
import { caretRect, pointFromScreen, pointOneLineAway } from './caretGeometry.js';
import { codingAt, lineAt } from './documentLayout.js';
import { caretMove, isSelectAll } from './keyboardSelection.js';
import { BLANK_LINE_TEXT, pointToOffset, selectionToOffsets, showSelection } from './selectionOffsets.js';
import type { DocumentModel } from './useDocument.js';

/** The selection as the document knows it, in UTF-16 offsets; it outlives the rendered lines it started on. */
interface LogicalSelection {
  anchor: number;
  focus: number;
}

export interface CaretBox {
  left: number;
  top: number;
  height: number;
}

interface Options {
  model: DocumentModel;
  /** The element holding the rendered lines (the text body). */
  textRef: RefObject<HTMLDivElement | null>;
  /** The scrolling element around it: blank space below the text belongs to the document too. */
  scrollRef: RefObject<HTMLDivElement | null>;
  snap: boolean;
  firstVisibleLine: () => number;
  scrollToLine: (line: number) => void;
  /** Changes whenever other lines are rendered, so the selection is drawn on them too. */
  renderedKey: string;
  onSelectCoding: (codingId: number) => void;
}

/**
 * What the user selects in the document becomes the workbench's selection:
 * mouse selections (drag, double/triple-click, Shift+click) lose only the
 * whitespace at their edges and, with snapping on, widen to whole words;
 * keyboard selections are exact. The selection is kept as offsets, not DOM
 * nodes, so Shift+click, Shift+arrows and Ctrl+A work across lines the
 * virtualised view has not rendered.
 */
export function useDocumentSelection({ model, textRef, scrollRef, snap, firstVisibleLine, scrollToLine, renderedKey, onSelectCoding }: Options) {
  const wb = useWorkbench();
  const { doc, index, lines, byLine, codingById } = model;
  const logical = useRef<LogicalSelection | null>(null);
  const mouseDown = useRef(false);
  /** The last click selected the coding under it (its span is shown selected). */
  const clickedCoding = useRef(false);
  /** Select All came while only the first page of a long document was here (see selectDocument). */
  const selectAllWhenWhole = useRef(false);
  /** Where the second click of a double-click on a coded word was (see onMouseDown). */
  const wordClick = useRef<{ x: number; y: number } | null>(null);
  const [caret, setCaret] = useState<CaretBox | null>(null);

  // A different document starts without a selection.
  useLayoutEffect(() => {
    logical.current = null;
    selectAllWhenWhole.current = false;
    setCaret(null);
  }, [doc.id]);

  /** Makes [anchor, focus) (UTF-16) the workbench's selection; mouse selections are trimmed and snapped. */
  const commit = useCallback(
    (anchor: number, focus: number, fromMouse: boolean) => {
      let start = index.utf16ToCp(Math.min(anchor, focus));
      let end = index.utf16ToCp(Math.max(anchor, focus));
      if (fromMouse) ({ start, end } = snap ? snapToWords(doc.text, start, end, { index }) : trimSpanWhitespace(doc.text, start, end, { index }));
      const forward = anchor <= focus;
      const [s, e] = [index.cpToUtf16(start), index.cpToUtf16(end)];
      logical.current = forward ? { anchor: s, focus: e } : { anchor: e, focus: s };
      if (end <= start) {
        wb.setSelection(null);
        wb.setActiveCodingId(null);
        return;
      }
      setCaret(null);
      wb.setSelection({ sourceId: doc.id, start, end, text: index.slice(start, end) });
      // Keep the selected coding when the new selection touches it (to set its span); otherwise let go of it.
      const active = wb.activeCodingId !== null ? codingById.get(wb.activeCodingId) : undefined;
      if (!active || active.end < start || active.start > end) wb.setActiveCodingId(null);
    },
    [doc, index, snap, wb, codingById],
  );

  const onMouseUp = useCallback(
    (e: { shiftKey: boolean; target: EventTarget | null }) => {
      mouseDown.current = false;
      const sel = window.getSelection();
      const scroll = scrollRef.current;
      if (!sel || !scroll) return;
      const word = wordClick.current;
      wordClick.current = null;
      const p = word ? pointFromScreen(word.x, word.y) : null;
      const wordAt = p ? pointToOffset(p.node, p.offset, 'start', scroll) : null;
      if (wordAt !== null) {
        const cp = index.utf16ToCp(wordAt);
        const w = cp < index.length ? snapToWords(doc.text, cp, cp + 1, { index }) : snapToWords(doc.text, Math.max(0, cp - 1), cp, { index });
        commit(index.cpToUtf16(w.start), index.cpToUtf16(w.end), false);
        return;
      }
      if (sel.rangeCount === 0) return;
      const off = selectionToOffsets(sel, scroll);
      if (off) {
        // Shift+click extends from where the selection began, even when that line is no longer rendered.
        const from = e.shiftKey && logical.current ? logical.current.anchor : off.anchor;
        const to = e.shiftKey && logical.current ? pointToOffset(sel.focusNode!, sel.focusOffset, off.focus >= from ? 'end' : 'start', scroll)! : off.focus;
        commit(from, to, true);
        return;
      }
      // Stripes, notes and a line's time (play from here) are buttons with their own click; a plain click on them leaves the selection alone.
      if (e.target instanceof Element && e.target.closest('.doc-stripes, .doc-notes, .doc-line-time')) return;
      if (!sel.isCollapsed || !sel.anchorNode || !scroll.contains(sel.anchorNode)) return;
      const at = pointToOffset(sel.anchorNode, sel.anchorOffset, 'start', scroll);
      if (at === null) return;
      if (e.shiftKey && logical.current) {
        commit(logical.current.anchor, at, true);
        return;
      }
      // A plain click on a highlight selects the (shortest) coding under it; elsewhere it places the caret.
      const hit = codingAt(byLine[lineAt(lines, at)] ?? [], at);
      if (hit) {
        clickedCoding.current = true;
        logical.current = { anchor: hit.start, focus: hit.end };
        onSelectCoding(hit.id);
      } else {
        logical.current = { anchor: at, focus: at };
        wb.setSelection(null);
        wb.setActiveCodingId(null);
      }
    },
    [scrollRef, commit, byLine, lines, wb, onSelectCoding, index, doc],
  );

  // The button may be released outside the document (over the code tree, the status bar): listen on the window then.
  const onMouseDown = useCallback(
    (e: { button: number; detail: number; target: EventTarget | null; clientX: number; clientY: number }) => {
      if (e.button !== 0) return;
      mouseDown.current = true;
      // A double-click on a coded word: the first click selected the coding, and the browser, clicking inside
      // that selection, does not select the word; the view does (on mouseup).
      wordClick.current = e.detail === 2 && clickedCoding.current ? { x: e.clientX, y: e.clientY } : null;
      clickedCoding.current = false;
      const stripes = e.target instanceof Element ? e.target.closest('.doc-stripes') : null;
      if (stripes && scrollRef.current) selectFromStripe(stripes, { x: e.clientX, y: e.clientY }, scrollRef.current);
      const up = (ev: globalThis.MouseEvent) => {
        window.removeEventListener('dragstart', cancel, true);
        // Inside, the view's own mouseup handler reads the selection.
        if (ev.target instanceof Node && scrollRef.current?.contains(ev.target)) return;
        onMouseUp(ev);
      };
      // Dragging the selection onto a code is not selecting.
      const cancel = () => {
        mouseDown.current = false;
        window.removeEventListener('mouseup', up, true);
      };
      window.addEventListener('mouseup', up, { capture: true, once: true });
      window.addEventListener('dragstart', cancel, { capture: true, once: true });
    },
    [onMouseUp, scrollRef],
  );

  /** Puts the browser's selection where the logical one is (its focus must be rendered), or the caret at the first visible line. */
  const syncDomSelection = useCallback((): Selection | 'scrolled' | null => {
    const sel = window.getSelection();
    const body = textRef.current;
    if (!sel || !body) return null;
    const cur = logical.current;
    if (cur && cur.anchor !== cur.focus && !focusRendered(body, cur.focus)) {
      // The selection's moving end has scrolled away: bring it back first (this key press only scrolls).
      scrollToLine(lineAt(lines, cur.focus));
      return 'scrolled';
    }
    if (cur && showSelection(body, Math.min(cur.anchor, cur.focus), Math.max(cur.anchor, cur.focus))) {
      if (cur.focus < cur.anchor && sel.rangeCount > 0) {
        const r = sel.getRangeAt(0);
        sel.setBaseAndExtent(r.endContainer, r.endOffset, r.startContainer, r.startOffset);
      }
      return sel;
    }
    const first = body.querySelector<HTMLElement>(`.doc-row[data-index="${firstVisibleLine()}"] .doc-text [data-o]`) ?? body.querySelector<HTMLElement>('.doc-text [data-o]');
    if (!first?.firstChild) return null;
    sel.collapse(first.firstChild, 0);
    const o = Number(first.dataset.o);
    logical.current = { anchor: o, focus: o };
    return sel;
  }, [textRef, firstVisibleLine, scrollToLine, lines]);

  /**
   * The document, all of it (lines not rendered included) — not the page. While only the first page
   * of a long document is here, it is selected when the rest arrives: selecting (and coding) the
   * page alone would look like the whole document.
   */
  const partial = model.page !== null;
  const selectDocument = useCallback(() => {
    if (partial) {
      selectAllWhenWhole.current = true;
      return;
    }
    commit(0, index.utf16Length, false);
    if (textRef.current) window.getSelection()?.selectAllChildren(textRef.current);
  }, [partial, commit, index, textRef]);
  useEffect(() => {
    if (partial || !selectAllWhenWhole.current) return;
    selectAllWhenWhole.current = false;
    selectDocument();
  }, [partial, selectDocument]);

  // The desktop app's Edit ▸ Select All selects the page; while the document has the focus, it means the document.
  useEffect(() => {
    const onChange = () => {
      const body = textRef.current;
      const sel = window.getSelection();
      if (!body || !sel || sel.rangeCount === 0 || document.activeElement !== body) return;
      const common = sel.getRangeAt(0).commonAncestorContainer;
      if (common !== body && !body.contains(common) && sel.containsNode(body, false)) selectDocument();
    };
    document.addEventListener('selectionchange', onChange);
    return () => document.removeEventListener('selectionchange', onChange);
  }, [textRef, selectDocument]);

  const onKeyDown = useCallback(
    (e: KeyboardEvent<HTMLDivElement>) => {
      const body = textRef.current;
      if (!body) return;
      if (isSelectAll(e)) {
        e.preventDefault();
        selectDocument();
        return;
      }
      const move = caretMove(e);
      if (!move) return;
      const sel = syncDomSelection();
      if (!sel) return;
      e.preventDefault();
      if (sel === 'scrolled') return;
      if (move.alter === 'move' && !sel.isCollapsed) {
        // Like a text editor: an arrow collapses the selection to its edge first.
        if (move.direction === 'forward') sel.collapseToEnd();
        else sel.collapseToStart();
      }
      const scroll = scrollRef.current!;
      if (move.granularity === 'line') {
        const p = pointOneLineAway(sel, move.direction, scroll);
        if (p && move.alter === 'move') sel.collapse(p.node, p.offset);
        else if (p) sel.extend(p.node, p.offset);
      } else sel.modify(move.alter, move.direction, move.granularity);
      const focus = sel.focusNode ? pointToOffset(sel.focusNode, sel.focusOffset, move.direction === 'forward' ? 'end' : 'start', scroll) : null;
      if (focus === null) return;
      const anchor = move.alter === 'extend' ? (logical.current?.anchor ?? focus) : focus;
      if (anchor === focus) {
        logical.current = { anchor, focus };
        wb.setSelection(null);
        wb.setActiveCodingId(null);
        setCaret(caretBox(sel, body));
      } else commit(anchor, focus, false);
      scrollToLine(lineAt(lines, focus));
    },
    [textRef, scrollRef, commit, selectDocument, syncDomSelection, wb, lines, scrollToLine],
  );

  const onBlur = useCallback(() => setCaret(null), []);

  // Keep the workbench's selection visible after re-renders (coding applied, snapping, other lines rendered) — not mid-drag.
  const sel = wb.selection;
  useLayoutEffect(() => {
    // The selection dropped (Escape, coded and cleared): forget it, but keep a caret where it is.
    if (!sel && logical.current && logical.current.anchor !== logical.current.focus) {
      logical.current = null;
      const dom = window.getSelection();
      if (dom && !dom.isCollapsed && dom.anchorNode && textRef.current?.contains(dom.anchorNode)) dom.collapseToEnd();
    }
    if (mouseDown.current || !sel || sel.sourceId !== doc.id || !textRef.current) return;
    showSelection(textRef.current, index.cpToUtf16(sel.start), index.cpToUtf16(sel.end));
    // The workbench may set the selection itself (a coding selected, its span nudged): follow it.
    const cur = logical.current;
    const s = index.cpToUtf16(sel.start);
    const e = index.cpToUtf16(sel.end);
    if (!cur || Math.min(cur.anchor, cur.focus) !== s || Math.max(cur.anchor, cur.focus) !== e) logical.current = { anchor: s, focus: e };
  }, [sel, doc, index, model.spans, renderedKey, textRef]);

  return { onMouseDown, onMouseUp, onKeyDown, onBlur, caret };
}

function focusRendered(body: HTMLElement, u: number): boolean {
  for (const el of body.querySelectorAll<HTMLElement>('.doc-text[data-ls]')) {
    if (Number(el.dataset.ls) <= u && u <= Number(el.dataset.le)) return true;
  }
  return false;
}

/** Where to draw the caret of a collapsed selection, relative to the text body. */
function caretBox(sel: Selection, body: HTMLElement): CaretBox | null {
  const rect = sel.focusNode ? caretRect(sel.focusNode, sel.focusOffset) : null;
  if (!rect) return null;
  const origin = body.getBoundingClientRect();
  return { left: rect.left - origin.left, top: rect.top - origin.top, height: rect.height };
}

const DRAG_THRESHOLD = 4;

/**
 * A drag that starts on a line's coding stripes: the browser starts no
 * selection on a button, so the selection is drawn here, from the end of
 * that line's text to the text under the pointer. A click without a drag
 * stays the stripe's own (it selects the coding).
 */
function selectFromStripe(stripes: Element, start: { x: number; y: number }, scroll: HTMLElement): void {
  const runs = stripes.parentElement?.querySelectorAll('.doc-text [data-o]');
  const last = runs?.[runs.length - 1]?.firstChild;
  const sel = window.getSelection();
  if (!last || !sel) return;
  const anchorOffset = last.textContent === BLANK_LINE_TEXT ? 0 : (last.textContent?.length ?? 0);
  let dragging = false;
  const move = (ev: globalThis.MouseEvent) => {
    if (!dragging && Math.hypot(ev.clientX - start.x, ev.clientY - start.y) < DRAG_THRESHOLD) return;
    dragging = true;
    ev.preventDefault();
    const p = pointFromScreen(ev.clientX, ev.clientY);
    if (p && scroll.contains(p.node)) sel.setBaseAndExtent(last, anchorOffset, p.node, p.offset);
  };
  const up = () => {
    window.removeEventListener('mousemove', move, true);
    window.removeEventListener('mouseup', up, true);
  };
  window.addEventListener('mousemove', move, true);
  window.addEventListener('mouseup', up, true);
}
