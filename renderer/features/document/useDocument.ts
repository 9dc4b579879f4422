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

const refetchWholeDocument = (m: string): boolean => m.startsWith('sources.') || m.startsWith('history.') || m.startsWith('project.') || m.startsWith('merge.') || m.startsWith('refi.');

/** The open document, with its codings converted to UTF-16 offsets and bucketed by line (computed once per change). */
export function useDocument(sourceId: number | null, visibleCoders: ((coder: string) => boolean) | null) {
  // The text never changes after import: refetch the whole document only when sources change or on undo/redo,
  // and after a coding change fetch just the codings (a 1M-character text is megabytes of JSON).
  const q = useApiQuery('sources.get', { id: sourceId ?? 0 }, { enabled: sourceId !== null, refetchOn: refetchWholeDocument });
  const codings = useApiQuery('sources.codings', { id: sourceId ?? 0 }, { enabled: sourceId !== null });
  const loaded = sourceId !== null && q.data?.id === sourceId ? q.data : undefined;
  const freshCodings = codings.data && loaded && codings.data.every((c) => c.sourceId === loaded.id) ? codings.data : undefined;
  const doc = useMemo(
    () => (loaded ? (freshCodings ? { ...loaded, codings: freshCodings } : loaded) : undefined),
    [loaded, freshCodings],
  );
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
  return { model, error: q.error, loading: q.loading };
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
