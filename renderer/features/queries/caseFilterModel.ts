/** The case-filter form's state and the CaseFilter the API takes. Pure. */
import type { AttributeCondition, CaseFilter } from '../../../shared/queries/types.js';

export interface FilterForm {
  where: AttributeCondition[];
  /** A case set's name; '' = no set. */
  set: string;
}

export const EMPTY_FILTER: FilterForm = { where: [], set: '' };

/** The filter to send, or undefined when the form asks nothing. Conditions without an attribute are left out. */
export function toCaseFilter(form: FilterForm): CaseFilter | undefined {
  const where = form.where
    .filter((c) => c.attribute.trim() !== '')
    .map((c) => ({ attribute: c.attribute, operator: c.operator ?? '=', value: c.value, ...(c.scope ? { scope: c.scope } : {}) }));
  if (where.length === 0 && !form.set) return undefined;
  return { ...(where.length ? { where } : {}), ...(form.set ? { set: form.set } : {}) };
}

export function fromCaseFilter(filter: CaseFilter | undefined): FilterForm {
  return {
    where: (filter?.where ?? []).map((c) => ({ attribute: c.attribute, operator: c.operator ?? '=', value: c.value, ...(c.scope ? { scope: c.scope } : {}) })),
    set: filter?.set ?? '',
  };
}

/** "Group = Entrepreneur, in set Founders" — for saved-query lists and result headings. */
export function describeFilter(filter: CaseFilter | undefined, coder?: string): string {
  const parts = (filter?.where ?? []).map((c) => `${c.scope ? `${c.scope}:` : ''}${c.attribute} ${c.operator ?? '='} ${c.value}`);
  if (filter?.set) parts.push(`in set ${filter.set}`);
  if (coder) parts.push(`coded by ${coder}`);
  return parts.join(', ');
}
