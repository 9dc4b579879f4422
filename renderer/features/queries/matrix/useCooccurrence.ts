import { useCallback } from 'react';
import type { CooccurrenceDef } from '../../../../shared/queries/types.js';
import { useApiQuery } from '../../../hooks/useApiQuery.js';
import { EMPTY_FILTER, toCaseFilter, type FilterForm } from '../caseFilterModel.js';
import { useViewState } from '../viewState.js';

export interface CooccurrenceForm {
  codeIds: number[];
  mode: 'overlap' | 'paragraph';
  includeChildren: boolean;
  filter: FilterForm;
  coder: string;
}

export const DEFAULT_COOCCURRENCE_FORM: CooccurrenceForm = { codeIds: [], mode: 'overlap', includeChildren: true, filter: EMPTY_FILTER, coder: '' };

export function toCooccurrenceDef(f: CooccurrenceForm): CooccurrenceDef {
  const filter = toCaseFilter(f.filter);
  return {
    ...(f.codeIds.length ? { codes: f.codeIds.map((codeId) => ({ codeId })) } : {}),
    children: f.includeChildren,
    mode: f.mode,
    ...(filter ? { filter } : {}),
    ...(f.coder ? { coder: f.coder } : {}),
  };
}

/** Code co-occurrence: the form, the matrix that ran, and a cell's passages. */
export function useCooccurrence() {
  const [form, setForm] = useViewState('cooc.form', DEFAULT_COOCCURRENCE_FORM);
  const [submitted, setSubmitted] = useViewState('cooc.submitted', null);
  const [cell, setCell] = useViewState('cooc.cell', null);
  const result = useApiQuery('queries.cooccurrence', submitted ?? {}, { enabled: !!submitted });
  const passages = useApiQuery('queries.cooccurrenceCell', { definition: submitted ?? {}, row: cell?.row ?? 0, col: cell?.col ?? 0 }, { enabled: !!submitted && !!cell });
  const update = useCallback((patch: Partial<CooccurrenceForm>) => setForm((f) => ({ ...f, ...patch })), [setForm]);
  const run = useCallback(() => {
    setCell(null);
    setSubmitted(toCooccurrenceDef(form));
  }, [form, setCell, setSubmitted]);
  return { form, update, run, submitted, result: submitted ? result : null, cell, setCell, passages: submitted && cell ? passages : null };
}
