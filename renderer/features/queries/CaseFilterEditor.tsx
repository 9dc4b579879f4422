import type { ComparisonOperator } from '../../../shared/cases/attributeCondition.js';
import type { AttributeOption } from './useQueryOptions.js';
import type { FilterForm } from './caseFilterModel.js';
import type { SetChoice } from '../sets/setChoices.js';
import { SetOptions } from '../sets/SetOptions.js';

interface Props {
  form: FilterForm;
  onChange(form: FilterForm): void;
  attributes: AttributeOption[];
  /** Sets of every kind: a case set keeps its cases, a source set its sources, a code set its codes. */
  sets: SetChoice[];
  /** Distinguishes the datalists of several editors on one page. */
  idPrefix: string;
}

/** Which cases a query looks at: attribute conditions (all must hold) and a set (of cases, sources or codes). */
export function CaseFilterEditor({ form, onChange, attributes, sets, idPrefix }: Props) {
  const update = (i: number, patch: Partial<FilterForm['where'][number]>) =>
    onChange({ ...form, where: form.where.map((c, j) => (j === i ? { ...c, ...patch } : c)) });
  return (
    <fieldset className="q-filter">
      <legend>Cases</legend>
      {form.where.map((c, i) => {
        const listId = `${idPrefix}-values-${i}`;
        const values = attributes.find((a) => a.name === c.attribute)?.values ?? [];
        return (
          <div className="q-row" key={i}>
            <select
              aria-label={`Condition ${i + 1} attribute`}
              value={c.scope === 'source' ? `source:${c.attribute}` : c.attribute}
              onChange={(e) => {
                // Source attributes (Wave, Interview date) are offered as source:NAME; the condition keeps the name and its scope.
                const v = e.target.value;
                const source = v.startsWith('source:');
                update(i, { attribute: source ? v.slice('source:'.length) : v, value: '', ...(source ? { scope: 'source' as const } : { scope: undefined }) });
              }}
            >
              <option value="">Attribute…</option>
              {attributes.map((a) => (
                <option key={`${a.scope ?? ''}:${a.name}`} value={a.scope === 'source' ? `source:${a.name}` : a.name}>
                  {a.scope === 'source' ? `${a.name} (source)` : a.name}
                </option>
              ))}
            </select>
            <select aria-label={`Condition ${i + 1} operator`} value={c.operator ?? '='} onChange={(e) => update(i, { operator: e.target.value as ComparisonOperator })}>
              <option value="=">is</option>
              <option value="!=">is not</option>
              <option value="<">&lt;</option>
              <option value="<=">≤</option>
              <option value=">">&gt;</option>
              <option value=">=">≥</option>
            </select>
            <input aria-label={`Condition ${i + 1} value`} list={listId} value={c.value} placeholder="value" onChange={(e) => update(i, { value: e.target.value })} />
            <datalist id={listId}>
              {values.map((v) => (
                <option key={v} value={v} />
              ))}
            </datalist>
            <button type="button" className="icon" aria-label={`Remove condition ${i + 1}`} onClick={() => onChange({ ...form, where: form.where.filter((_, j) => j !== i) })}>
              ×
            </button>
          </div>
        );
      })}
      <div className="q-row">
        <button type="button" onClick={() => onChange({ ...form, where: [...form.where, { attribute: attributes[0]?.name ?? '', operator: '=', value: '' }] })} disabled={attributes.length === 0}>
          + Attribute condition
        </button>
        <label className="q-inline">
          Set{' '}
          <select aria-label="Set" value={form.set} onChange={(e) => onChange({ ...form, set: e.target.value })}>
            <option value="">No set</option>
            <SetOptions sets={sets} />
          </select>
        </label>
      </div>
    </fieldset>
  );
}
