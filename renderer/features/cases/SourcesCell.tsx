import { useEffect, useRef } from 'react';
import type { SourceSummary } from '../../../shared/domain/types.js';

interface Props {
  caseId: number;
  caseName: string;
  sources: { id: number; name: string }[];
  passages: number;
  allSources: readonly SourceSummary[];
  picking: boolean;
  onPick: (open: boolean) => void;
  onAssign: (sourceId: number, caseId: number | null) => void;
}

/** A case's sources as chips, with a picker to add one (a source belongs to one case at most). */
export function SourcesCell({ caseId, caseName, sources, passages, allSources, picking, onPick, onAssign }: Props) {
  const select = useRef<HTMLSelectElement>(null);
  useEffect(() => {
    if (picking) select.current?.focus();
  }, [picking]);
  if (picking) {
    const others = allSources.filter((s) => s.caseId !== caseId);
    return (
      <select
        ref={select}
        className="source-picker"
        aria-label={`Add a source to ${caseName}`}
        defaultValue=""
        onChange={(e) => {
          const id = Number(e.target.value);
          if (id) onAssign(id, caseId);
          onPick(false);
        }}
        onBlur={() => onPick(false)}
        onKeyDown={(e) => {
          e.stopPropagation();
          if (e.key === 'Escape' || e.key === 'Tab') onPick(false);
        }}
      >
        <option value="">{others.length ? 'Add a source…' : 'No other sources'}</option>
        {others.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
            {s.caseName ? ` (now in ${s.caseName})` : ''}
          </option>
        ))}
      </select>
    );
  }
  return (
    <div className="source-chips">
      {sources.map((s) => (
        <span key={s.id} className="chip" title={s.name}>
          <span className="chip-name">{s.name}</span>
          <button
            type="button"
            className="chip-remove"
            tabIndex={-1}
            aria-label={`Take ${s.name} out of ${caseName}`}
            onClick={(e) => {
              e.stopPropagation();
              onAssign(s.id, null);
            }}
          >
            ×
          </button>
        </span>
      ))}
      {passages > 0 && <span className="hint" title="Passages coded to this case">{passages} passage{passages === 1 ? '' : 's'}</span>}
      <button
        type="button"
        className="chip-add"
        tabIndex={-1}
        aria-label={`Add a source to ${caseName}`}
        title="Add a source"
        onClick={(e) => {
          e.stopPropagation();
          onPick(true);
        }}
      >
        +
      </button>
    </div>
  );
}
