import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import type { CodeNode, Coding, SourceDocument } from '../../../shared/domain/types.js';
import { buildPositionIndex, type PositionIndex } from '../../../shared/text/positions.js';
import { apiQueryKey } from '../../api/queryCache.js';
import { useApiQuery } from '../../hooks/useApiQuery.js';
import { codingsByLine, splitLines, type Line, type SpanU16 } from './documentLayout.js';
import { FIRST_PAGE_CHARACTERS, isPaged, pageIndex } from './documentPage.js';

export interface DocumentModel {
  doc: SourceDocument;
  index: PositionIndex;
  lines: Line[];
  byLine: SpanU16[][];
  /** The visible codings (after the coder filter), in UTF-16 offsets. */
  spans: SpanU16[];
  /** Every coding of the document by id (coder, time, code-point span). */
  codingById: Map<number, Coding>;
  /**
   * While only the opening page of a long document is here: `doc.text` is its first `end` code
   * points, `doc.codings` those starting in them (`doc.characters` and `doc.codingCount` are the
   * whole document's). Null once the whole document is.
   */
  page: { end: number } | null;
}

interface Base {
  index: PositionIndex;
  lines: Line[];
}

function modelOf(doc: SourceDocument, base: Base, visibleCoders: ((coder: string) => boolean) | null, page: DocumentModel['page']): DocumentModel {
  const spans = doc.codings
    .filter((c) => !visibleCoders || visibleCoders(c.coderName))
    .map((c) => ({ id: c.id, codeId: c.codeId, start: base.index.cpToUtf16(c.start), end: base.index.cpToUtf16(c.end) }));
  const codingById = new Map(doc.codings.map((c) => [c.id, c]));
  return { doc, index: base.index, lines: base.lines, spans, byLine: codingsByLine(base.lines, spans), codingById, page };
}

/**
 * The open document, with its codings converted to UTF-16 offsets and bucketed by line (computed once per change).
 * A long document not yet in the cache opens from its first page, and its whole text and codings are fetched
 * after that page is painted: the first screen never waits for megabytes to be read, sent and laid out.
 */
export function useDocument(sourceId: number | null, visibleCoders: ((coder: string) => boolean) | null) {
  const client = useQueryClient();
  const characters = useApiQuery('sources.list', {}).data?.find((s) => s.id === sourceId)?.characters ?? 0;
  const textArgs = { id: sourceId ?? 0, codings: false };
  const textCached = client.getQueryData(apiQueryKey('sources.get', textArgs)) !== undefined;
  const paged = sourceId !== null && isPaged(characters) && !textCached;
  // The source whose first page has been painted: its whole text and codings may load now.
  const [wholeFor, setWholeFor] = useState<number | null>(null);
  const whole = { enabled: sourceId !== null && (!paged || wholeFor === sourceId), keepPrevious: false };
  // Text and codings travel apart, once each: the text (megabytes for a long transcript) is
  // refetched only when the source itself changes, the codings when they do (see the contract's
  // affects), and a coding just applied is added from the apply result (api/cachePatches.ts).
  const q = useApiQuery('sources.get', textArgs, whole);
  const codings = useApiQuery('sources.codings', { id: sourceId ?? 0 }, whole);
  const first = useApiQuery('sources.firstPage', { id: sourceId ?? 0, characters: FIRST_PAGE_CHARACTERS }, { enabled: paged, keepPrevious: false });
  const loaded = sourceId !== null && q.data?.id === sourceId ? q.data : undefined;
  const freshCodings = loaded ? codings.data : undefined;
  // Paint the text and the codings together: never a document that looks uncoded for a moment.
  const doc = useMemo(() => (loaded && freshCodings ? { ...loaded, codings: freshCodings } : undefined), [loaded, freshCodings]);
  const pageDoc = !doc && sourceId !== null && first.data?.id === sourceId ? first.data : undefined;
  // Laid out as soon as the text is here: when the codings come in a later task, the whole document's
  // first render does not also index and split megabytes of text.
  const base = useMemo<Base | null>(() => (loaded ? { index: buildPositionIndex(loaded.text), lines: splitLines(loaded.text) } : null), [loaded?.id, loaded?.text]);
  const pageBase = useMemo<Base | null>(() => (pageDoc ? { index: pageIndex(pageDoc.text), lines: splitLines(pageDoc.text) } : null), [pageDoc]);
  const model = useMemo<DocumentModel | null>(() => {
    if (doc && base) return modelOf(doc, base, visibleCoders, null);
    if (pageDoc && pageBase) return modelOf(pageDoc, pageBase, visibleCoders, { end: pageDoc.end });
    return null;
  }, [doc, pageDoc, base, pageBase, visibleCoders]);

  const pageShown = model?.page ? model.doc.id : null;
  useEffect(() => {
    if (pageShown === null) return;
    // A frame, then a task: the whole document is asked for once the page is on screen.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => (timer = setTimeout(() => setWholeFor(pageShown), 0)));
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [pageShown]);
  return { model, error: q.error ?? codings.error ?? first.error, loading: q.loading || codings.loading || first.loading };
}

export function codeLookup(tree: CodeNode[] | undefined): Map<number, CodeNode> {
  const map = new Map<number, CodeNode>();
  const walk = (list: CodeNode[]) => {
    for (const n of list) {
      map.set(n.id, n);
      walk(n.children);
    }
  };
  walk(tree ?? []);
  return map;
}
