import { useCallback, useState } from 'react';
import type { MatrixQueryDef } from '../../../../shared/queries/types.js';
import { useApiQuery } from '../../../hooks/useApiQuery.js';
import { useViewState } from '../viewState.js';
import { DEFAULT_MATRIX_FORM, toMatrixDef, type MatrixForm } from './matrixModel.js';

export type MatrixDisplay = 'table' | 'chart';

const NOTHING: MatrixQueryDef = { rows: { kind: 'cases' }, cols: { kind: 'codes' } };

/** The matrix form, the query that ran, its result, and the passages of the chosen cell. */
export function useMatrix() {
  const [form, setForm] = useViewState('matrix.form', DEFAULT_MATRIX_FORM);
  const [submitted, setSubmitted] = useViewState('matrix.submitted', null);
  const [cell, setCell] = useViewState('matrix.cell', null);
  const [display, setDisplay] = useViewState('matrix.display', 'table');
  const [problem, setProblem] = useState<string | null>(null);

  const result = useApiQuery('queries.matrix', submitted ?? NOTHING, { enabled: !!submitted });
  const passages = useApiQuery('queries.matrixCell', { definition: submitted ?? NOTHING, row: cell?.row ?? 0, col: cell?.col ?? 0 }, { enabled: !!submitted && !!cell });

  const update = useCallback((patch: Partial<MatrixForm>) => setForm((f) => ({ ...f, ...patch })), [setForm]);
  const run = useCallback(() => {
    const def = toMatrixDef(form);
    if (typeof def === 'string') {
      setProblem(def);
      return;
    }
    setProblem(null);
    setCell(null);
    setSubmitted(def);
  }, [form, setCell, setSubmitted]);
  /** The measure applies at once to a matrix already shown. */
  const setMeasure = useCallback(
    (measure: MatrixForm['measure']) => {
      update({ measure });
      setSubmitted((s) => (s ? { ...s, measure } : s));
    },
    [update, setSubmitted],
  );

  return {
    form,
    update,
    setMeasure,
    run,
    problem,
    submitted,
    result: submitted ? result : null,
    cell,
    setCell,
    passages: submitted && cell ? passages : null,
    display,
    setDisplay,
  };
}
