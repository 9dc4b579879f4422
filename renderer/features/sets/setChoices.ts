/**
 * The sets a filter picker offers, of every kind: what goes into the
 * filter's `set` is the name, or kind:NAME when another kind has a set of
 * that name (the core refuses an ambiguous bare name). Pure.
 */
import type { SetKind } from '../../../shared/domain/setTypes.js';

export interface SetChoice {
  key: string;
  kind: SetKind;
  name: string;
  /** What the filter's `set` holds. */
  value: string;
}

export const SET_KIND_LABELS: Record<SetKind, string> = { cases: 'Case sets', sources: 'Source sets', codes: 'Code sets' };

export function setChoices(caseSets: readonly { id: number; name: string }[], itemSets: readonly { id: number; name: string; kind: 'sources' | 'codes' }[]): SetChoice[] {
  const all = [...caseSets.map((s) => ({ id: s.id, name: s.name, kind: 'cases' as const })), ...itemSets];
  const kindsOf = new Map<string, number>();
  for (const s of all) kindsOf.set(s.name.toLowerCase(), (kindsOf.get(s.name.toLowerCase()) ?? 0) + 1);
  return all.map((s) => ({ key: `${s.kind}:${s.id}`, kind: s.kind, name: s.name, value: (kindsOf.get(s.name.toLowerCase()) ?? 0) > 1 ? `${s.kind}:${s.name}` : s.name }));
}
