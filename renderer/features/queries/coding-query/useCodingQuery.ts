import { useCallback } from 'react';
import type { CodingQueryDef } from '../../../../shared/queries/types.js';
import { useApiQuery } from '../../../hooks/useApiQuery.js';
import { useCoding } from '../../coding/CodingProvider.js';
import { EMPTY_FILTER, toCaseFilter } from '../caseFilterModel.js';
import { useViewState } from '../viewState.js';
import { buildCodeExpr, EMPTY_BUILDER, newClause, type Clause } from './codingQueryModel.js';

const NOTHING: CodingQueryDef = { expr: { op: 'code', path: '-' } };

/** The coding-query builder, its filters, the query that ran and its passages. */
export function useCodingQuery() {
  const coding = useCoding();
  const [builder, setBuilder] = useViewState('coding.builder', EMPTY_BUILDER);
  const [filter, setFilter] = useViewState('coding.filter', EMPTY_FILTER);
  const [coder, setCoder] = useViewState('coding.coder', '');
  const [submitted, setSubmitted] = useViewState('coding.submitted', null);
  const result = useApiQuery('queries.coding', submitted ?? NOTHING, { enabled: !!submitted });

  const expr = buildCodeExpr(builder);
  const definition: CodingQueryDef | null = expr
    ? (() => {
        const f = toCaseFilter(filter);
        return { expr, ...(f ? { filter: f } : {}), ...(coder ? { coder } : {}) };
      })()
    : null;

  const pick = useCallback(
    (title: string, apply: (id: number) => void) => coding.openPicker({ title, allowCreate: false, onPick: apply }),
    [coding],
  );
  const pickFirst = useCallback(() => pick('Passages coded at…', (id) => setBuilder((b) => ({ ...b, first: id }))), [pick, setBuilder]);
  const updateClause = useCallback(
    (i: number, patch: Partial<Clause>) => setBuilder((b) => ({ ...b, clauses: b.clauses.map((c, j) => (j === i ? { ...c, ...patch } : c)) })),
    [setBuilder],
  );
  const pickClause = useCallback((i: number) => pick('…combined with the code', (id) => updateClause(i, { codeId: id })), [pick, updateClause]);
  const addClause = useCallback(() => setBuilder((b) => ({ ...b, clauses: [...b.clauses, newClause()] })), [setBuilder]);
  const removeClause = useCallback((i: number) => setBuilder((b) => ({ ...b, clauses: b.clauses.filter((_, j) => j !== i) })), [setBuilder]);
  const run = useCallback(() => definition && setSubmitted(definition), [definition, setSubmitted]);

  return {
    builder,
    setBuilder,
    filter,
    setFilter,
    coder,
    setCoder,
    definition,
    submitted,
    result: submitted ? result : null,
    run,
    pickFirst,
    pickClause,
    updateClause,
    addClause,
    removeClause,
  };
}
