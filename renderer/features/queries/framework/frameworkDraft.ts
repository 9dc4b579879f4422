/** The create / edit form of a framework matrix: its headers as drafts, checks, and the API input. Pure. */
import { splitPath } from '../../../../shared/domain/codePath.js';
import type { FrameworkHeaderInput, FrameworkMatrix } from '../../../../shared/queries/types.js';
import type { FrameworkDraft } from './useFrameworks.js';

export type HeaderSource = { kind: 'label' } | { kind: 'code'; codeId: number; path: string } | { kind: 'case'; caseId: number; name: string };

export interface HeaderDraft {
  /** Kept when editing, so the header keeps its cells. */
  id?: number;
  label: string;
  source: HeaderSource;
}

export interface MatrixDraft {
  name: string;
  caption: string;
  rows: HeaderDraft[];
  cols: HeaderDraft[];
}

export const EMPTY_DRAFT: MatrixDraft = { name: '', caption: '', rows: [], cols: [] };

function lastSegment(path: string): string {
  const parts = splitPath(path);
  return parts[parts.length - 1] ?? path;
}

export function codeHeader(codeId: number, path: string, name = lastSegment(path)): HeaderDraft {
  return { label: name, source: { kind: 'code', codeId, path } };
}

export function caseHeader(caseId: number, name: string): HeaderDraft {
  return { label: name, source: { kind: 'case', caseId, name } };
}

export function labelHeader(label = ''): HeaderDraft {
  return { label, source: { kind: 'label' } };
}

/** What is wrong with the form, as sentences (empty = it can be saved). */
export function draftProblems(d: MatrixDraft): string[] {
  const out: string[] = [];
  if (!d.name.trim()) out.push('Give the matrix a name.');
  if (d.rows.length === 0) out.push('Add at least one row.');
  if (d.cols.length === 0) out.push('Add at least one column.');
  if ([...d.rows, ...d.cols].some((h) => h.source.kind === 'label' && !h.label.trim())) out.push('Every plain row or column needs a label.');
  return out;
}

function toInput(h: HeaderDraft): FrameworkHeaderInput {
  const label = h.label.trim();
  const base: FrameworkHeaderInput = { ...(h.id !== undefined ? { id: h.id } : {}), ...(label ? { label } : {}) };
  if (h.source.kind === 'code') return { ...base, codeId: h.source.codeId };
  if (h.source.kind === 'case') return { ...base, caseId: h.source.caseId };
  return base;
}

export function toFrameworkInput(d: MatrixDraft): FrameworkDraft {
  return { name: d.name.trim(), caption: d.caption.trim(), rows: d.rows.map(toInput), cols: d.cols.map(toInput) };
}

export function draftFromMatrix(m: FrameworkMatrix): MatrixDraft {
  const header = (h: FrameworkMatrix['rows'][number]): HeaderDraft => ({
    id: h.id,
    label: h.label,
    source:
      h.codeId !== null ? { kind: 'code', codeId: h.codeId, path: h.codePath ?? '' } : h.caseId !== null ? { kind: 'case', caseId: h.caseId, name: h.caseName ?? '' } : { kind: 'label' },
  });
  return { name: m.name, caption: m.caption, rows: m.rows.map(header), cols: m.cols.map(header) };
}
