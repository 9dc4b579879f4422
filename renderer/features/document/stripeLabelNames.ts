import { joinPath, splitPath } from '../../../shared/domain/codePath.js';

/**
 * The text of each code's stripe label in one document: its name, or — when
 * another code drawn in the same document has that name (Motivations/Money
 * and Outcomes/Money) — as much of its path as tells them apart, so two
 * labels never read the same for different codes.
 */
export function stripeLabelNames(codeIds: Iterable<number>, codes: ReadonlyMap<number, { name: string; path: string }>): Map<number, string> {
  const shown = [...new Set(codeIds)].flatMap((id) => {
    const code = codes.get(id);
    return code ? [{ id, segments: splitPath(code.path) }] : [];
  });
  const out = new Map<number, string>();
  // Lengthen the tail of the path of every code whose label is still shared, until none is (or the path is whole).
  let pending = shown.map((c) => ({ ...c, take: 1 }));
  while (pending.length > 0) {
    const label = (c: (typeof pending)[number]) => joinPath(c.segments.slice(-c.take));
    const byLabel = new Map<string, number>();
    for (const c of pending) byLabel.set(label(c), (byLabel.get(label(c)) ?? 0) + 1);
    const next: typeof pending = [];
    for (const c of pending) {
      if (byLabel.get(label(c))! > 1 && c.take < c.segments.length) next.push({ ...c, take: c.take + 1 });
      else out.set(c.id, label(c));
    }
    pending = next;
  }
  return out;
}
