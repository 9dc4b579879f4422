import { useEffect, useMemo, useState } from 'react';
import { orderedChoices } from '../../../shared/cases/attributeTypeRegistry.js';
import { NOT_APPLICABLE_LABEL, UNASSIGNED_LABEL } from '../../../shared/cases/attributeTypes.js';
import type { CaseSetRule, RuleCondition, RuleOperator } from '../../../shared/cases/caseSetRules.js';
import type { AttributeInfo, CaseSetInfo } from '../../../shared/domain/caseTypes.js';
import { useApi } from '../../api/ApiContext.js';
import { useAction } from '../../hooks/useNotice.js';
import { Modal } from '../workbench/Modal.js';
import { editorOf, inputTypeOf } from './attributeEditors.js';
import { haystackOf, type SheetRow } from './sheetModel.js';

interface Props {
  /** Absent: a new set. */
  set?: CaseSetInfo;
  /** For a new hand-made set: the cases to start with. */
  initialCaseIds?: number[];
  initialKind?: 'rule' | 'manual';
  attributes: AttributeInfo[];
  rows: SheetRow[];
  onClose: () => void;
}

const OPERATORS: { op: RuleOperator; label: string }[] = [
  { op: '=', label: 'is' },
  { op: '!=', label: 'is not' },
  { op: '<', label: '<' },
  { op: '<=', label: '≤' },
  { op: '>', label: '>' },
  { op: '>=', label: '≥' },
];

const PICK_LIMIT = 300;

/** How a rule names the attribute: Firm.Size where another classification also has Size. */
const refOf = (a: AttributeInfo): string => a.reference ?? a.name;

function blankCondition(attributes: AttributeInfo[]): RuleCondition {
  const a = attributes[0];
  return { attribute: a ? refOf(a) : '', operator: '=', value: a ? (orderedChoices(a)[0] ?? '') : '' };
}

/** Define a case set by conditions on attributes (kept up to date) or by picking cases. */
export function CaseSetEditor({ set, initialCaseIds, initialKind, attributes, rows, onClose }: Props) {
  const api = useApi();
  const act = useAction();
  const [name, setName] = useState(set?.name ?? '');
  const [description, setDescription] = useState(set?.description ?? '');
  const [kind, setKind] = useState<'rule' | 'manual'>(set?.kind ?? initialKind ?? 'rule');
  const [op, setOp] = useState<'and' | 'or'>(set?.rule?.op ?? 'and');
  const [conditions, setConditions] = useState<RuleCondition[]>(set?.rule?.conditions ?? [blankCondition(attributes)]);
  const [picked, setPicked] = useState<Set<number>>(new Set(set?.kind === 'manual' ? set.caseIds : (initialCaseIds ?? [])));
  const [search, setSearch] = useState('');
  const [preview, setPreview] = useState<{ count: number; error: string | null } | null>(null);

  const rule: CaseSetRule = useMemo(() => ({ op, conditions }), [op, conditions]);

  useEffect(() => {
    if (kind !== 'rule') return;
    let live = true;
    const timer = setTimeout(() => {
      api.call('caseSets.preview', { rule }).then(
        (r) => live && setPreview({ count: r.caseIds.length, error: null }),
        (err: Error) => live && setPreview({ count: 0, error: err.message }),
      );
    }, 200);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, kind, rule]);

  const update = (i: number, patch: Partial<RuleCondition>) => setConditions((cs) => cs.map((c, k) => (k === i ? { ...c, ...patch } : c)));

  const save = async () => {
    const base = { name, ...(set ? { id: set.id } : {}), description };
    const res = await act(
      () => api.call('caseSets.save', kind === 'rule' ? { ...base, rule } : { ...base, caseIds: [...picked] }),
      `Saved the case set ${name.trim()}`,
    );
    if (res) onClose();
  };

  const remove = async () => {
    if (!set || !window.confirm(`Delete the case set “${set.name}”? The cases stay. You can undo this.`)) return;
    const res = await act(() => api.call('caseSets.delete', { id: set.id }).then(() => true));
    if (res) onClose();
  };

  const needle = search.trim().toLowerCase();
  const matches = needle ? rows.filter((r) => haystackOf(r, attributes).includes(needle)) : rows;

  return (
    <Modal closeButton
      title={set ? `Case set ${set.name}` : 'New case set'}
      onClose={onClose}
      wide
      actions={
        <>
          {set && (
            <button type="button" className="danger" onClick={remove}>
              Delete set
            </button>
          )}
          <span className="spacer" />
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="primary" disabled={!name.trim() || (kind === 'rule' && !!preview?.error)} onClick={save}>
            Save set
          </button>
        </>
      }
    >
      <div className="form-grid">
        <label htmlFor="set-name">Name</label>
        <input id="set-name" value={name} onChange={(e) => setName(e.target.value)} />
        <label htmlFor="set-desc">Description</label>
        <input id="set-desc" value={description} onChange={(e) => setDescription(e.target.value)} />
        <span>Members</span>
        <div className="row-buttons" role="radiogroup" aria-label="How the set is defined">
          <label className="check">
            <input type="radio" name="set-kind" checked={kind === 'rule'} onChange={() => setKind('rule')} /> By conditions on attributes (kept up to date)
          </label>
          <label className="check">
            <input type="radio" name="set-kind" checked={kind === 'manual'} onChange={() => setKind('manual')} /> Picked by hand
          </label>
        </div>
      </div>
      {kind === 'rule' ? (
        <section className="rule-editor" aria-label="Conditions">
          <label className="check">
            Cases matching
            <select aria-label="Combine conditions" value={op} onChange={(e) => setOp(e.target.value as 'and' | 'or')}>
              <option value="and">all</option>
              <option value="or">any</option>
            </select>
            of these conditions:
          </label>
          {conditions.map((c, i) => {
            const attr = attributes.find((a) => refOf(a) === c.attribute) ?? attributes.find((a) => a.name === c.attribute);
            const editor = attr ? editorOf(attr.type) : undefined;
            const options = attr && editor?.conditionOptions ? editor.conditionOptions(attr.choices).map((o) => o.value) : null;
            return (
              <div className="condition" key={i}>
                <select aria-label={`Attribute of condition ${i + 1}`} value={c.attribute} onChange={(e) => update(i, { attribute: e.target.value, value: '' })}>
                  {attributes.map((a) => (
                    <option key={a.id} value={refOf(a)}>
                      {refOf(a)}
                    </option>
                  ))}
                </select>
                <select aria-label={`Operator of condition ${i + 1}`} value={c.operator} onChange={(e) => update(i, { operator: e.target.value as RuleOperator })}>
                  {OPERATORS.map((o) => (
                    <option key={o.op} value={o.op}>
                      {o.label}
                    </option>
                  ))}
                </select>
                {options ? (
                  <select aria-label={`Value of condition ${i + 1}`} value={String(c.value)} onChange={(e) => update(i, { value: e.target.value })}>
                    <option value="">{UNASSIGNED_LABEL}</option>
                    <option value={NOT_APPLICABLE_LABEL}>{NOT_APPLICABLE_LABEL}</option>
                    {options.map((o) => (
                      <option key={o} value={o}>
                        {o}
                      </option>
                    ))}
                  </select>
                ) : (
                  <input
                    aria-label={`Value of condition ${i + 1}`}
                    type={editor ? inputTypeOf(editor) : 'text'}
                    value={String(c.value)}
                    onChange={(e) => update(i, { value: e.target.value })}
                  />
                )}
                <button type="button" className="icon" aria-label={`Remove condition ${i + 1}`} disabled={conditions.length === 1} onClick={() => setConditions((cs) => cs.filter((_, k) => k !== i))}>
                  ×
                </button>
              </div>
            );
          })}
          <button type="button" onClick={() => setConditions((cs) => [...cs, blankCondition(attributes)])} disabled={attributes.length === 0}>
            Add condition
          </button>
          <p className={preview?.error ? 'error-text' : 'hint'} aria-live="polite" data-testid="rule-preview">
            {preview ? (preview.error ?? `${preview.count} case${preview.count === 1 ? '' : 's'} match now.`) : ' '}
          </p>
        </section>
      ) : (
        <section className="case-picker" aria-label="Pick cases">
          <div className="inline-form">
            <input aria-label="Find cases" placeholder="Find cases…" value={search} onChange={(e) => setSearch(e.target.value)} />
            <button type="button" onClick={() => setPicked((p) => new Set([...p, ...matches.map((r) => r.id)]))}>
              Add all {matches.length}
            </button>
            <button type="button" onClick={() => setPicked(new Set())}>
              Clear
            </button>
          </div>
          <p className="hint">{picked.size} picked</p>
          <ul className="pick-list">
            {matches.slice(0, PICK_LIMIT).map((r) => (
              <li key={r.id}>
                <label className="check">
                  <input
                    type="checkbox"
                    checked={picked.has(r.id)}
                    onChange={(e) =>
                      setPicked((p) => {
                        const next = new Set(p);
                        if (e.target.checked) next.add(r.id);
                        else next.delete(r.id);
                        return next;
                      })
                    }
                  />{' '}
                  {r.name}
                </label>
              </li>
            ))}
          </ul>
          {matches.length > PICK_LIMIT && <p className="hint">Showing {PICK_LIMIT} of {matches.length}; narrow the search to see the others.</p>}
        </section>
      )}
    </Modal>
  );
}
