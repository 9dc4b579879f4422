import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { findMatches, foldText, type FindMatch } from '../../../shared/text/findInText.js';
import { lineAt, type Line, type SpanU16 } from './documentLayout.js';

/** Marks with these code ids are find matches (the current one apart), not annotations. */
export const FIND_MARK = -2;
export const FIND_CURRENT_MARK = -3;

export interface FindModel {
  open: boolean;
  query: string;
  matches: FindMatch[];
  /** Index into matches of the current one (-1 when there are none). */
  current: number;
  /** Lines holding matches → the matches on them as marks. */
  marksByLine: Map<number, SpanU16[]>;
  /** A query waits for the rest of a long document (only its first page is here yet). */
  waiting: boolean;
  show: () => void;
  close: () => void;
  setQuery: (q: string) => void;
  next: () => void;
  previous: () => void;
  inputRef: React.RefObject<HTMLInputElement | null>;
}

/**
 * Find in the open document: the text is folded once per document (lazily,
 * on first use), each query is one pass over the folded text. Matches are
 * UTF-16 spans, like the rest of the view; `onCurrent` scrolls to the current one.
 * While only the first page of a long document is here (`complete` false) a
 * query finds nothing yet and says it waits: counting the page's matches
 * would tell the user a wrong number.
 */
export function useFindInDocument(text: string, complete: boolean, lines: Line[], onCurrent: (m: FindMatch) => void, onClose: () => void): FindModel {
  const [open, setOpen] = useState(false);
  const [query, setQueryState] = useState('');
  const [current, setCurrent] = useState(-1);
  const inputRef = useRef<HTMLInputElement | null>(null);
  const folded = useMemo(() => (open && complete ? foldText(text) : null), [open, complete, text]);
  const matches = useMemo(() => (folded && query ? findMatches(folded, query) : []), [folded, query]);

  const go = useCallback(
    (i: number) => {
      setCurrent(i);
      const m = matches[i];
      if (m) onCurrent(m);
    },
    [matches, onCurrent],
  );

  const setQuery = useCallback(
    (q: string) => {
      setQueryState(q);
      const found = folded && q ? findMatches(folded, q) : [];
      setCurrent(found.length ? 0 : -1);
      if (found[0]) onCurrent(found[0]);
    },
    [folded, onCurrent],
  );

  // A query typed while waiting goes to its first match once the whole document is here.
  const waited = useRef(false);
  useEffect(() => {
    if (!complete) {
      waited.current = true;
      return;
    }
    if (!waited.current) return;
    waited.current = false;
    if (current === -1 && matches.length > 0) go(0);
  }, [complete, matches, current, go]);

  const marksByLine = useMemo(() => {
    const out = new Map<number, SpanU16[]>();
    matches.forEach((m, i) => {
      const mark = { id: -(i + 1), codeId: i === current ? FIND_CURRENT_MARK : FIND_MARK, start: m.start, end: m.end };
      const last = lineAt(lines, Math.max(m.start, m.end - 1));
      for (let l = lineAt(lines, m.start); l <= last; l++) {
        const list = out.get(l);
        if (list) list.push(mark);
        else out.set(l, [mark]);
      }
    });
    return out;
  }, [matches, current, lines]);

  return {
    open,
    query,
    matches,
    current,
    marksByLine,
    waiting: open && !complete && query !== '',
    show: () => {
      setOpen(true);
      // The bar may already be open: focus and select what was typed, as browsers do.
      queueMicrotask(() => inputRef.current?.select());
    },
    close: () => {
      setOpen(false);
      setQueryState('');
      setCurrent(-1);
      onClose();
    },
    setQuery,
    next: () => matches.length && go((current + 1) % matches.length),
    previous: () => matches.length && go((current - 1 + matches.length) % matches.length),
    inputRef,
  };
}
