/**
 * Passage-level case coding keeps one invariant: within a source, every
 * character belongs to at most one case (a speaker turn in a focus group is
 * one participant's). Assigning a passage to a case therefore takes that
 * passage away from any other case, and joins it with the same case's
 * overlapping or touching passages so the case's coverage stays one span
 * per stretch of text. This module computes the edits; storage applies them.
 * Positions are code points, half-open [start, end).
 */
export interface SpanLike {
  id: number;
  caseId: number;
  start: number;
  end: number;
}

export interface SpanEdits {
  remove: number[];
  update: { id: number; start: number; end: number }[];
  insert: { caseId: number; start: number; end: number }[];
  /** The span that now holds the passage for the case (an update's id, or -1 for the insert). */
  result: { id: number; start: number; end: number } | null;
}

/**
 * Edits that give [start, end) to caseId, or to no case when caseId is null.
 * `existing` are the source's spans and must already satisfy the invariant.
 */
export function layoutCaseSpan(existing: readonly SpanLike[], caseId: number | null, start: number, end: number): SpanEdits {
  const edits: SpanEdits = { remove: [], update: [], insert: [], result: null };
  let mergedStart = start;
  let mergedEnd = end;
  const same: SpanLike[] = [];
  for (const s of [...existing].sort((a, b) => a.start - b.start || a.id - b.id)) {
    if (caseId !== null && s.caseId === caseId) {
      // Touching counts: [0,5) and [5,9) of one case are one passage.
      if (s.start <= end && s.end >= start) {
        same.push(s);
        mergedStart = Math.min(mergedStart, s.start);
        mergedEnd = Math.max(mergedEnd, s.end);
      }
      continue;
    }
    if (s.end <= start || s.start >= end) continue;
    const left = s.start < start ? { start: s.start, end: start } : null;
    const right = s.end > end ? { start: end, end: s.end } : null;
    if (left && right) {
      edits.update.push({ id: s.id, ...left });
      edits.insert.push({ caseId: s.caseId, ...right });
    } else if (left || right) {
      edits.update.push({ id: s.id, ...(left ?? right)! });
    } else {
      edits.remove.push(s.id);
    }
  }
  if (caseId === null) return edits;
  const [keep, ...rest] = same;
  const merged = { start: mergedStart, end: mergedEnd };
  if (keep) {
    if (keep.start !== merged.start || keep.end !== merged.end) edits.update.push({ id: keep.id, ...merged });
    edits.remove.push(...rest.map((s) => s.id));
    edits.result = { id: keep.id, ...merged };
  } else {
    edits.insert.push({ caseId, ...merged });
    edits.result = { id: -1, ...merged };
  }
  return edits;
}
