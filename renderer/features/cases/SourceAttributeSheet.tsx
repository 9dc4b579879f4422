import { useState } from 'react';
import { describeAttributeType } from '../../../shared/cases/attributeTypeRegistry.js';
import { ATTRIBUTE_TYPES, formatValue, UNASSIGNED, type AttributeType } from '../../../shared/cases/attributeTypes.js';
import type { ClassificationData } from './useClassificationData.js';

/** The source classification sheet: one row per source, one column per source attribute (Wave, Interview date…). */
export function SourceAttributeSheet({ data }: { data: ClassificationData }) {
  const { attributes, sources } = data.sourceSheet;
  const [name, setName] = useState('');
  const [type, setType] = useState<AttributeType>('text');
  return (
    <section className="panel source-sheet" aria-labelledby="source-sheet-h">
      <div className="panel-head">
        <h2 id="source-sheet-h">Source attributes</h2>
      </div>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (name.trim()) void data.addSourceAttribute(name.trim(), type).then((r) => r && setName(''));
        }}
      >
        <input aria-label="New source attribute" placeholder="New source attribute (e.g. Wave)…" value={name} onChange={(e) => setName(e.target.value)} />
        <select aria-label="Source attribute type" value={type} onChange={(e) => setType(e.target.value as AttributeType)}>
          {ATTRIBUTE_TYPES.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
        <button type="submit">Add source attribute</button>
      </form>
      <table className="source-sheet-table">
        <thead>
          <tr>
            <th>Source</th>
            <th>Case</th>
            {attributes.map((a) => (
              <th key={a.id} title={describeAttributeType(a)}>
                {a.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {sources.map((s) => (
            <tr key={s.id}>
              <td>{s.name}</td>
              <td className="hint">{s.caseName ?? '—'}</td>
              {attributes.map((a) => {
                const shown = formatValue({ name: a.name, type: a.type }, s.values[a.id] ?? UNASSIGNED);
                return (
                  <td key={a.id}>
                    <input
                      key={shown}
                      aria-label={`${a.name} of ${s.name}`}
                      defaultValue={s.values[a.id] ? shown : ''}
                      placeholder="Unassigned"
                      onBlur={(e) => {
                        const input = e.target;
                        const before = s.values[a.id] ? shown : '';
                        // A value that does not fit is refused (the notice says why) and the cell shows the stored value again.
                        if (input.value !== before) void data.setSourceValue(s.id, a.id, input.value).then((r) => r === undefined && (input.value = before));
                      }}
                      onKeyDown={(e) => {
                        if (e.key === 'Enter') (e.target as HTMLInputElement).blur();
                      }}
                    />
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
