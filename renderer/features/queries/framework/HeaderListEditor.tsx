import type { QueryOptions } from '../useQueryOptions.js';
import { caseHeader, labelHeader, type HeaderDraft } from './frameworkDraft.js';

interface Props {
  axis: 'Rows' | 'Columns';
  headers: HeaderDraft[];
  onChange(headers: HeaderDraft[]): void;
  onAddTheme(): void;
  options: QueryOptions;
}

function sourceText(h: HeaderDraft): string {
  if (h.source.kind === 'code') return `theme ${h.source.path}`;
  if (h.source.kind === 'case') return `case ${h.source.name}`;
  return 'label only';
}

/** The rows (or columns) of a framework matrix: themes, cases or plain labels, each with its shown label. */
export function HeaderListEditor({ axis, headers, onChange, onAddTheme, options }: Props) {
  const set = (i: number, patch: Partial<HeaderDraft>) => onChange(headers.map((h, j) => (j === i ? { ...h, ...patch } : h)));
  const move = (i: number, d: -1 | 1) => {
    const j = i + d;
    if (j < 0 || j >= headers.length) return;
    const next = [...headers];
    [next[i], next[j]] = [next[j]!, next[i]!];
    onChange(next);
  };
  return (
    <fieldset className="fw-headers">
      <legend>{axis}</legend>
      <ol>
        {headers.map((h, i) => (
          <li key={i} className="fw-header-item">
            <input aria-label={`${axis} ${i + 1} label`} value={h.label} maxLength={500} onChange={(e) => set(i, { label: e.target.value })} />
            <button type="button" className="icon" aria-label={`Move ${axis.toLowerCase()} ${i + 1} up`} disabled={i === 0} onClick={() => move(i, -1)}>
              ↑
            </button>
            <button type="button" className="icon" aria-label={`Move ${axis.toLowerCase()} ${i + 1} down`} disabled={i === headers.length - 1} onClick={() => move(i, 1)}>
              ↓
            </button>
            <button type="button" className="icon" aria-label={`Remove ${axis.toLowerCase()} ${i + 1}`} onClick={() => onChange(headers.filter((_, j) => j !== i))}>
              ×
            </button>
            <span className="hint fw-header-source">{sourceText(h)}</span>
          </li>
        ))}
      </ol>
      <div className="q-row">
        <button type="button" onClick={onAddTheme}>
          + Theme (code)…
        </button>
        <select
          aria-label={`Add a case to the ${axis.toLowerCase()}`}
          value=""
          onChange={(e) => {
            const c = options.cases.find((x) => String(x.id) === e.target.value);
            if (c) onChange([...headers, caseHeader(c.id, c.name)]);
          }}
        >
          <option value="">+ Case…</option>
          {options.cases.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
        <button type="button" onClick={() => onChange([...headers, ...options.cases.filter((c) => !headers.some((h) => h.source.kind === 'case' && h.source.caseId === c.id)).map((c) => caseHeader(c.id, c.name))])}>
          + All cases
        </button>
        <button type="button" onClick={() => onChange([...headers, labelHeader()])}>
          + Label
        </button>
      </div>
    </fieldset>
  );
}
