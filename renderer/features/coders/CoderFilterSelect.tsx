import { useApiQuery } from '../../hooks/useApiQuery.js';
import { useWorkbench } from '../workbench/workbenchState.js';
import { filterValue, parseFilterValue } from './coderFilter.js';
import { useCoderFilter } from './useCoderFilter.js';

/** "All coders / Only mine / <coder>": whose codings the document shows. */
export function CoderFilterSelect() {
  const wb = useWorkbench();
  const coders = useApiQuery('coders.list', {});
  const me = useApiQuery('app.info', {}).data?.coderName ?? '';
  const others = (coders.data ?? []).filter((c) => c.name !== me);
  // Blind coding (co-authors) holds the filter at "Only mine".
  const { blind, setFilter } = useCoderFilter();
  return (
    <label className="check coder-filter" title={blind ? 'Blind coding is on: only your codings are shown (Co-authors ▸ Coders)' : undefined}>
      Show codings by{' '}
      <select aria-label="Show codings by" disabled={blind} value={filterValue(wb.coderFilter)} onChange={(e) => setFilter(parseFilterValue(e.target.value))}>
        <option value="all">All coders</option>
        <option value="mine">Only mine{me ? ` (${me})` : ''}</option>
        {others.map((c) => (
          <option key={c.id} value={`coder:${c.name}`}>
            {c.name}
          </option>
        ))}
        {wb.coderFilter.kind === 'coder' && !others.some((c) => c.name === (wb.coderFilter as { name: string }).name) && (
          <option value={filterValue(wb.coderFilter)}>{wb.coderFilter.name}</option>
        )}
      </select>
    </label>
  );
}
