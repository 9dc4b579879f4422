/**
 * Source sets and code sets in REFI-QDA: a <Set> with <MemberSource> or
 * <MemberCode> elements (Project-mrt2019.xsd, SetType) — what NVivo sets,
 * MAXQDA document sets and ATLAS.ti document and code groups are written as.
 * Case sets and case memos travel as Sets too, with Quarry's markers
 * (quarryMarkers.ts); those are read by refiImportPlan.ts before anything
 * here sees the set.
 *
 * On import, a Set without a marker becomes a source set when its members
 * are sources, a code set when they are codes; one holding both becomes two
 * sets, "NAME (sources)" and "NAME (codes)" (a Quarry set has members of one
 * kind), which the import's warnings say. Notes in such a Set are not kept
 * as members (the notes themselves are imported). A Set with no members is
 * a source set, unless its description ends with Quarry's "[Quarry code
 * set]" line (written for an empty code set, so a round trip keeps it).
 */
import type Database from 'better-sqlite3';
import type { ItemSetKind } from '../domain/setTypes.js';
import { changeItemSetMembers, insertItemSet } from '../store/itemSetsStore.js';
import type { SnapItemSet } from '../store/snapshotStore.js';
import { fixGuid } from './importGuid.js';
import type { PlannedItemSet } from './refiImportPlanTypes.js';
import { derivedGuid } from './refiGuid.js';
import type { RefiSet, RefiSkipped } from './refiModel.js';
import { UniqueNames } from './uniqueNames.js';

const EMPTY_CODE_SET = '[Quarry code set]';
const joinMarker = (description: string, marker: string): string => (description.trim() ? `${description}\n\n${marker}` : marker);

/** The export's Sets for source sets and code sets; `guid` makes a stored id one the schema accepts. */
export function itemSetsToRefi(sets: readonly SnapItemSet[], guidOf: (kind: ItemSetKind, id: number) => string | undefined, guid: (raw: string) => string): RefiSet[] {
  return sets.map((s) => {
    const members = s.members.map((id) => guidOf(s.kind, id)).filter((g) => g !== undefined);
    const out: RefiSet = {
      guid: guid(s.guid),
      name: s.name,
      memberCodeGuids: s.kind === 'codes' ? members : [],
      memberSourceGuids: s.kind === 'sources' ? members : [],
      memberNoteGuids: [],
    };
    // An empty code set has no member to tell its kind by: a marker line does (read back by planItemSets).
    const description = s.kind === 'codes' && members.length === 0 ? joinMarker(s.description, EMPTY_CODE_SET) : s.description;
    if (description.trim()) out.description = description;
    return out;
  });
}

export interface ItemSetPlanner {
  /** Known (planned) source and code GUIDs, already fixed. */
  hasSource(guid: string): boolean;
  hasCode(guid: string): boolean;
  claim(table: string, raw: string): string;
  skip(s: RefiSkipped): void;
  warn(text: string): void;
}

/** Names unique within each kind, as the item_sets table wants them. */
export class ItemSetNames {
  private readonly names: Record<ItemSetKind, UniqueNames> = { sources: new UniqueNames(true), codes: new UniqueNames(true) };
  take(kind: ItemSetKind, wanted: string): string {
    return this.names[kind].take(wanted);
  }
}

/** The source set and/or code set a marker-less REFI Set becomes (none for a set of notes only). */
export function planItemSets(p: ItemSetPlanner, names: ItemSetNames, set: RefiSet): PlannedItemSet[] {
  const sources = [...new Set(set.memberSourceGuids.map(fixGuid))].filter((g) => p.hasSource(g));
  const codes = [...new Set(set.memberCodeGuids.map(fixGuid))].filter((g) => p.hasCode(g));
  const name = set.name.trim() || 'Unnamed set';
  const marked = (set.description ?? '').trimEnd().endsWith(EMPTY_CODE_SET);
  const description = marked ? (set.description ?? '').trimEnd().slice(0, -EMPTY_CODE_SET.length).trimEnd() : (set.description ?? '');
  const empty = set.memberSourceGuids.length + set.memberCodeGuids.length === 0;
  if (empty && set.memberNoteGuids.length > 0) {
    p.skip({ kind: 'set', name: set.name, reason: 'it groups notes only; Quarry has sets of cases, sources and codes (the notes themselves were imported)' });
    return [];
  }
  if (set.memberNoteGuids.length > 0) p.warn(`The set “${name}” also listed notes; Quarry keeps its sources and codes as a set (the notes were imported as memos).`);
  const both = sources.length > 0 && codes.length > 0;
  const planned: PlannedItemSet[] = [];
  // A set without members is a source set (as most tools' document sets are) unless Quarry marked it a code set.
  const codeSet = codes.length > 0 || (marked && sources.length === 0);
  if (sources.length > 0 || !codeSet) {
    planned.push({ guid: p.claim('item_set', set.guid), kind: 'sources', name: names.take('sources', both ? `${name} (sources)` : name), description, memberGuids: sources });
  }
  if (codeSet) {
    const guid = both ? derivedGuid('set-codes', fixGuid(set.guid)) : set.guid;
    planned.push({ guid: p.claim('item_set', guid), kind: 'codes', name: names.take('codes', both ? `${name} (codes)` : name), description, memberGuids: codes });
  }
  if (both) p.warn(`The set “${name}” held sources and codes; Quarry made two sets of it, “${planned[0]!.name}” and “${planned[1]!.name}”.`);
  return planned;
}

/** Writes the planned sets (inside the import's transaction); members by the GUIDs the import created. */
export function writeItemSets(db: Database.Database, sets: readonly PlannedItemSet[], idOf: (kind: ItemSetKind, guid: string) => number): void {
  for (const s of sets) {
    const id = insertItemSet(db, { guid: s.guid, kind: s.kind, name: s.name, description: s.description });
    changeItemSetMembers(db, s.kind, id, { add: s.memberGuids.map((g) => idOf(s.kind, g)) });
  }
}
