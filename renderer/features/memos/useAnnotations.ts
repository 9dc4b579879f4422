import { useMemo } from 'react';
import type { Memo } from '../../../shared/domain/types.js';
import { useApiQuery } from '../../hooks/useApiQuery.js';
import { codingsByLine, startsByLine, type SpanU16 } from '../document/documentLayout.js';
import type { DocumentModel } from '../document/useDocument.js';

export interface AnnotationModel {
  /** Annotated spans in UTF-16 offsets; `id` is the memo id. */
  spans: SpanU16[];
  /** Per line, the annotations touching it (marked in the text). */
  byLine: SpanU16[][];
  /** Per line, the annotations starting on it (their notes sit beside that line). */
  starts: Map<number, SpanU16[]>;
  byId: Map<number, Memo>;
}

/** The open document's annotations (span memos), laid out for the margin beside the text. */
export function useAnnotations(model: DocumentModel | null): AnnotationModel | null {
  const sourceId = model?.doc.id ?? 0;
  const q = useApiQuery('memos.list', { target: 'span', sourceId }, { enabled: !!model });
  return useMemo(() => {
    if (!model || !q.data) return null;
    // While only the first page of a long document is here, the annotations further on wait for the rest.
    const memos = q.data.filter((m) => m.sourceId === model.doc.id && m.start !== null && m.end !== null && (!model.page || m.start < model.page.end));
    const spans = memos.map((m) => ({ id: m.id, codeId: 0, start: model.index.cpToUtf16(m.start!), end: model.index.cpToUtf16(m.end!) }));
    return {
      spans,
      byLine: codingsByLine(model.lines, spans),
      starts: startsByLine(model.lines, spans),
      byId: new Map(memos.map((m) => [m.id, m])),
    };
  }, [model, q.data]);
}
