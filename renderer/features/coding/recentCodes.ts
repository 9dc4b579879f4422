/**
 * Quick keys: the last nine codes used, most recent first. Key n (1–9)
 * applies the n-th entry. Pure list operations; useRecentCodes persists the
 * list per project.
 */
export const QUICK_KEY_COUNT = 9;

/** Moves (or adds) codeId to the front, keeping at most `max` distinct ids. */
export function pushRecent(list: readonly number[], codeId: number, max = QUICK_KEY_COUNT): number[] {
  return [codeId, ...list.filter((id) => id !== codeId)].slice(0, max);
}

/** Drops ids of codes that no longer exist (deleted, merged away, undone). */
export function pruneRecent(list: readonly number[], exists: (id: number) => boolean): number[] {
  const kept = list.filter(exists);
  return kept.length === list.length ? (list as number[]) : kept;
}

/** The quick key (1–9) of a code, or null. */
export function quickKeyOf(list: readonly number[], codeId: number): number | null {
  const i = list.indexOf(codeId);
  return i >= 0 && i < QUICK_KEY_COUNT ? i + 1 : null;
}

/** Reads a stored list defensively: anything malformed yields an empty list. */
export function parseRecent(raw: string | null): number[] {
  if (!raw) return [];
  try {
    const v: unknown = JSON.parse(raw);
    if (!Array.isArray(v)) return [];
    const ids = v.filter((x): x is number => Number.isInteger(x) && x > 0);
    return [...new Set(ids)].slice(0, QUICK_KEY_COUNT);
  } catch {
    return [];
  }
}
