/**
 * Whose codings to show, with blind coding on top of the document view's
 * "All coders / Only mine / <coder>" filter: while blind coding is on the
 * filter is held at "Only mine" and cannot be widened.
 *
 * The document pane can take `visible` straight from here (it is the
 * predicate useDocument expects); the hook also keeps the workbench's own
 * filter at "Only mine" while blind coding is on, so panes that read
 * wb.coderFilter follow it too.
 */
import { useCallback, useEffect, useMemo } from 'react';
import { useApiQuery } from '../../hooks/useApiQuery.js';
import { useWorkbench } from '../workbench/workbenchState.js';
import { useBlindCoding } from './blindCoding.js';
import { coderPredicate, type CoderFilter } from './coderFilter.js';

const MINE: CoderFilter = { kind: 'mine' };

export interface CoderFilterState {
  filter: CoderFilter;
  /** null = show everyone's codings. */
  visible: ((coder: string) => boolean) | null;
  blind: boolean;
  setBlind(on: boolean): void;
  /** Ignored while blind coding is on. */
  setFilter(f: CoderFilter): void;
  /** The current coder's name. */
  me: string;
}

export function useCoderFilter(): CoderFilterState {
  const wb = useWorkbench();
  const me = useApiQuery('app.info', {}).data?.coderName ?? '';
  const project = useApiQuery('project.info', {}).data;
  const [blind, setBlind] = useBlindCoding(project?.guid || project?.path || '');
  const filter = blind ? MINE : wb.coderFilter;
  const { setCoderFilter } = wb;
  useEffect(() => {
    if (blind && wb.coderFilter.kind !== 'mine') setCoderFilter(MINE);
  }, [blind, wb.coderFilter, setCoderFilter]);
  // `filter` is the workbench's state object or the MINE constant, so it only changes when the filter does.
  const visible = useMemo(() => coderPredicate(filter, me), [filter, me]);
  const setFilter = useCallback((f: CoderFilter) => (blind ? undefined : setCoderFilter(f)), [blind, setCoderFilter]);
  return { filter, visible, blind, setBlind, setFilter, me };
}
