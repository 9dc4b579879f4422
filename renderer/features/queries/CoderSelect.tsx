interface Props {
  value: string;
  onChange(coder: string): void;
  coders: string[];
  label?: string;
}

/** Whose codings a query counts: everyone's ('') or one coder's. */
export function CoderSelect({ value, onChange, coders, label = 'Coder' }: Props) {
  return (
    <label className="q-inline">
      {label}{' '}
      <select aria-label={label} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">All coders</option>
        {coders.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </select>
    </label>
  );
}
