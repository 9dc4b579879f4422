/**
 * Whose codings the document shows: everyone's, only the current coder's,
 * or one named coder's. The co-authors issue builds comparison views on it.
 */
export type CoderFilter = { kind: 'all' } | { kind: 'mine' } | { kind: 'coder'; name: string };

export const ALL_CODERS: CoderFilter = { kind: 'all' };

/** A predicate over coder names, or null when every coding is shown. */
export function coderPredicate(filter: CoderFilter, me: string): ((coder: string) => boolean) | null {
  if (filter.kind === 'all') return null;
  const who = filter.kind === 'mine' ? me : filter.name;
  return (coder) => coder === who;
}

/** The select box's value for a filter, and back. */
export function filterValue(filter: CoderFilter): string {
  return filter.kind === 'coder' ? `coder:${filter.name}` : filter.kind;
}
export function parseFilterValue(value: string): CoderFilter {
  if (value === 'mine') return { kind: 'mine' };
  if (value.startsWith('coder:')) return { kind: 'coder', name: value.slice('coder:'.length) };
  return ALL_CODERS;
}
