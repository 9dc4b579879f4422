import { useMemo } from 'react';
import type { CodeNode, Coding, SourceDocument } from '../../../shared/domain/types.js';
import { buildPositionIndex, type PositionIndex } from '../../../shared/text/positions.js';
import { useApiQuery } from '../../hooks/useApiQuery.js';
import { codingsByLine, splitLines, type Line, type SpanU16 } from './documentLayout.js';

export interface DocumentModel {
  doc: SourceDocument;
  index: PositionIndex;
  lines: Line[];
  byLine: SpanU16[][];
  /** The visible codings (after the coder filter), in UTF-16 offsets. */
  spans: SpanU16[];
  /** Every coding of the document by id (coder, time, code-point span). */
  codingById: Map<number, Coding>;
}

/** The open document, with its codings converted to UTF-16 offsets and bucketed by line (computed once per change). */
export function useDocument(sourceId: number | null, visibleCoders: ((coder: string) => boolean) | null) {
  // Text and codings travel apart, once each: the text (megabytes for a long transcript) is
  // refetched only when the source itself changes, the codings when they do (see the contract's
  // affects), and a coding just applied is added from the apply result (api/cachePatches.ts).
  const open = { enabled: sourceId !== null, keepPrevious: false };
  const q = useApiQuery('sources.get', { id: sourceId ?? 0, codings: false }, open);
  const codings = useApiQuery('sources.codings', { id: sourceId ?? 0 }, open);
  const loaded = sourceId !== null && q.data?.id === sourceId ? q.data : undefined;
  const freshCodings = loaded ? codings.data : undefined;
  // Paint the text and the codings together: never a document that looks uncoded for a moment.
  const doc = useMemo(() => (loaded && freshCodings ? { ...loaded, codings: freshCodings } : undefined), [loaded, freshCodings]);
  const base = useMemo(() => {
    if (!doc) return null;
    return { index: buildPositionIndex(doc.text), lines: splitLines(doc.text) };
  }, [doc?.id, doc?.text]);
  const model = useMemo<DocumentModel | null>(() => {
    if (!doc || !base) return null;
    const spans = doc.codings
      .filter((c) => !visibleCoders || visibleCoders(c.coderName))
      .map((c) => ({ id: c.id, codeId: c.codeId, start: base.index.cpToUtf16(c.start), end: base.index.cpToUtf16(c.end) }));
    const codingById = new Map(doc.codings.map((c) => [c.id, c]));
    return { doc, index: base.index, lines: base.lines, spans, byLine: codingsByLine(base.lines, spans), codingById };
  }, [doc, base, visibleCoders]);
  return { model, error: q.error ?? codings.error, loading: q.loading || codings.loading };
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
