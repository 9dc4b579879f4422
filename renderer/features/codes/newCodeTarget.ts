import { splitPath } from '../../../shared/domain/codePath.js';

/**
 * What a name typed for a new code asks for: one code, or a path "A/B"
 * (missing parents created, existing ones reused). A slash inside a name is
 * typed "\/" (and a backslash "\\"), the escape code paths use everywhere.
 */
export type NewCodeTarget =
  | { kind: 'none' }
  | { kind: 'name'; name: string }
  | { kind: 'path'; path: string; names: string[] };

/** `parentPath` is the (escaped) path of the code it goes under, or null for the top level. */
export function newCodeTarget(typed: string, parentPath: string | null): NewCodeTarget {
  const clean = typed.trim();
  if (!clean) return { kind: 'none' };
  const names = splitPath(clean);
  if (names.length === 1) return names[0] ? { kind: 'name', name: names[0] } : { kind: 'none' };
  // An empty level ("A//B", "/A") is a typo, not a code with no name: drop it.
  const kept = names.filter(Boolean);
  if (kept.length === 0) return { kind: 'none' };
  const own = clean.replace(/^\/+|\/+$/g, '').replace(/(?<!\\)\/{2,}/g, '/');
  return { kind: 'path', path: parentPath ? `${parentPath}/${own}` : own, names: kept };
}

/** How the offer reads: Create path A › B. */
export function describePath(names: readonly string[]): string {
  return names.join(' › ');
}
