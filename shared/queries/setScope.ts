/**
 * What a filter's `set` names: a case set, a source set or a code set. A
 * bare name is looked up among all three kinds; when two kinds have a set
 * of that name it is refused with a message naming both, and the kind can
 * be written before the name ("sources:Wave 1", "codes:Core themes").
 * Case sets keep priority over a prefix-looking name only when no set of
 * the prefixed kind matches, so a case set literally called "codes:x"
 * still works.
 */
import type Database from 'better-sqlite3';
import type { SetKind } from '../domain/setTypes.js';
import { QuarryError } from '../errors.js';
import { caseIdsOfSet } from '../services/caseSetService.js';
import { findCaseSetByName } from '../store/caseSetsStore.js';
import { findItemSetByName, itemSetMemberIds } from '../store/itemSetsStore.js';

export interface NamedSet {
  kind: SetKind;
  id: number;
  name: string;
}

const NOUN: Record<SetKind, string> = { cases: 'case set', sources: 'source set', codes: 'code set' };

function findOfKind(db: Database.Database, kind: SetKind, name: string): NamedSet | undefined {
  const row = kind === 'cases' ? findCaseSetByName(db, name) : findItemSetByName(db, kind, name);
  return row && { kind, id: row.id, name: row.name };
}

export function resolveSetName(db: Database.Database, spec: string): NamedSet {
  const prefixed = /^(cases|sources|codes):(.+)$/s.exec(spec);
  if (prefixed) {
    const found = findOfKind(db, prefixed[1] as SetKind, prefixed[2]!.trim());
    if (found) return found;
  }
  const found = (['cases', 'sources', 'codes'] as const).map((k) => findOfKind(db, k, spec)).filter((s) => s !== undefined);
  if (found.length === 1) return found[0]!;
  if (found.length === 0) throw new QuarryError('not_found', `There is no case set “${spec}” (nor a source set or code set of that name).`, { set: spec });
  const kinds = found.map((s) => `a ${NOUN[s.kind]}`);
  const spelled = found.map((s) => `“${s.kind}:${s.name}”`);
  throw new QuarryError(
    'conflict',
    `“${spec}” is the name of ${kinds.slice(0, -1).join(', ')} and ${kinds[kinds.length - 1]}; say which with ${spelled.join(' or ')}.`,
    { set: spec },
  );
}

/** The set's members: case ids, source ids or code ids by its kind. */
export function membersOfSet(db: Database.Database, set: NamedSet): number[] {
  return set.kind === 'cases' ? caseIdsOfSet(db, set.id) : itemSetMemberIds(db, set.kind, set.id);
}

/** The ids the filter's set allows of one kind, or null when it names a set of another kind (or none). */
export function setMembersOfKind(db: Database.Database, spec: string | undefined, kind: SetKind): Set<number> | null {
  if (spec === undefined) return null;
  const set = resolveSetName(db, spec);
  return set.kind === kind ? new Set(membersOfSet(db, set)) : null;
}
