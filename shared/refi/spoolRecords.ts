/**
 * The import spool's records (selectionSpool.ts): a source's raw
 * selections as arrays rather than objects with their keys — a million
 * selections go through JSON — and the values most of them repeat (who made
 * them, when, the code) written once per source, in a table, and shared
 * again when read back.
 */
import type { RefiCoding } from './refiModel.js';
import type { RawSelection } from './qdeSources.js';

type Opt = number | null;

/** Strings by their place in a per-record table (null for an absent value). */
class Strings {
  readonly list: string[] = [];
  private readonly index = new Map<string, number>();
  of(s: string | undefined): Opt {
    if (s === undefined) return null;
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.list.length;
      this.list.push(s);
      this.index.set(s, i);
    }
    return i;
  }
}

const at = (list: string[], i: Opt): string | undefined => (i === null ? undefined : list[i]);

type CodingRow = [guid: string, code: number, notes: string[], user: Opt, date: Opt];
type SelectionRow = [guid: string, start: number, end: number, whole: 0 | 1, name: string | null, user: Opt, date: Opt, modUser: Opt, modDate: Opt, description: string | null, notes: string[], codings: CodingRow[]];
export type RawSelectionsRecord = [strings: string[], rows: SelectionRow[]];

export function encodeRawSelections(selections: RawSelection[]): RawSelectionsRecord {
  const t = new Strings();
  const rows = selections.map((s): SelectionRow => [
    s.guid,
    s.start,
    s.end,
    s.wholeSource ? 1 : 0,
    s.name ?? null,
    t.of(s.creatingUserGuid),
    t.of(s.creationDateTime),
    t.of(s.modifyingUserGuid),
    t.of(s.modifiedDateTime),
    s.description ?? null,
    s.noteGuids,
    s.codings.map((c): CodingRow => [c.guid, t.of(c.codeGuid)!, c.noteGuids, t.of(c.creatingUserGuid), t.of(c.creationDateTime)]),
  ]);
  return [t.list, rows];
}

function decodeCoding(list: string[], [guid, code, noteGuids, user, date]: CodingRow): RefiCoding {
  const codeGuid = list[code]!;
  const creatingUserGuid = at(list, user);
  const creationDateTime = at(list, date);
  // One literal per combination of fields, as the reader makes them.
  if (creatingUserGuid !== undefined && creationDateTime !== undefined) return { guid, codeGuid, noteGuids, creatingUserGuid, creationDateTime };
  if (creatingUserGuid !== undefined) return { guid, codeGuid, noteGuids, creatingUserGuid };
  if (creationDateTime !== undefined) return { guid, codeGuid, noteGuids, creationDateTime };
  return { guid, codeGuid, noteGuids };
}

export function decodeRawSelections([list, rows]: RawSelectionsRecord): RawSelection[] {
  return rows.map(([guid, start, end, whole, name, user, date, modUser, modDate, description, noteGuids, codings]) => {
    const sel: RawSelection = { guid, start, end, wholeSource: whole === 1, codings: codings.map((c) => decodeCoding(list, c)), noteGuids };
    if (name !== null) sel.name = name;
    const creatingUserGuid = at(list, user);
    if (creatingUserGuid !== undefined) sel.creatingUserGuid = creatingUserGuid;
    const creationDateTime = at(list, date);
    if (creationDateTime !== undefined) sel.creationDateTime = creationDateTime;
    const modifyingUserGuid = at(list, modUser);
    if (modifyingUserGuid !== undefined) sel.modifyingUserGuid = modifyingUserGuid;
    const modifiedDateTime = at(list, modDate);
    if (modifiedDateTime !== undefined) sel.modifiedDateTime = modifiedDateTime;
    if (description !== null) sel.description = description;
    return sel;
  });
}
