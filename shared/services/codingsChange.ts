/**
 * What a change to one source's codings did (uncode, resize, recode, in
 * vivo), read as the source's codings before and after it: the rows gone and
 * the rows new or changed, and how the code tree's numbers moved (for the
 * codes of the changed rows and their ancestors). The API returns it so the
 * views update from the answer instead of refetching (issue 19).
 */
import type Database from 'better-sqlite3';
import type { Coding, CodingsChange } from '../domain/types.js';
import { countChangeInSource } from '../queries/countChange.js';
import { listCodeRows } from '../store/codesStore.js';
import { codingsByIds, codingsForSource } from '../store/codingsStore.js';

/** For each code: its ancestors (`chainOf`) and its subtree (`subtree`). */
export function codeFamilies(db: Database.Database) {
  const parents = new Map(listCodeRows(db).map((r) => [r.id, r.parentId]));
  const chainOf = (codeId: number): number[] => {
    const chain: number[] = [];
    for (let id: number | null | undefined = codeId; id !== null && id !== undefined && !chain.includes(id); id = parents.get(id)) chain.push(id);
    return chain;
  };
  const children = new Map<number, number[]>();
  for (const [id, parent] of parents) if (parent !== null) children.set(parent, [...(children.get(parent) ?? []), id]);
  const subtrees = new Map<number, Set<number>>();
  const subtree = (id: number): Set<number> => {
    let set = subtrees.get(id);
    if (!set) {
      set = new Set([id]);
      for (const c of children.get(id) ?? []) for (const d of subtree(c)) set.add(d);
      subtrees.set(id, set);
    }
    return set;
  };
  return { chainOf, subtree };
}

const same = (a: Coding, b: Coding) => a.codeId === b.codeId && a.start === b.start && a.end === b.end && a.coderId === b.coderId;

/**
 * The difference between a source's codings `before` and `after` a change; undefined when
 * the change touched several coders' codings (one coder's tree delta cannot say it).
 */
export function codingsChangeBetween(db: Database.Database, sourceId: number, before: readonly Coding[], after: readonly Coding[]): CodingsChange | undefined {
  const was = new Map(before.map((c) => [c.id, c]));
  const now = new Set(after.map((c) => c.id));
  const removed = before.filter((c) => !now.has(c.id));
  const saved = after.filter((c) => {
    const old = was.get(c.id);
    return !old || !same(old, c);
  });
  const touched = [...removed, ...saved, ...saved.map((c) => was.get(c.id)).filter((c): c is Coding => c !== undefined)];
  const coders = new Map(touched.map((c) => [c.coderId, c.coderName]));
  if (coders.size > 1) return undefined;
  const [coderId, coderName] = [...coders][0] ?? [0, ''];
  const families = codeFamilies(db);
  const moved = new Set<number>();
  for (const c of touched) for (const id of families.chainOf(c.codeId)) moved.add(id);
  const hasSome = (list: readonly Coding[]) => list.some((c) => c.coderId === coderId);
  return {
    sourceId,
    coderId,
    coderName,
    removed: removed.map((c) => c.id),
    saved,
    codings: after.length - before.length,
    coderSources: Number(hasSome(after)) - Number(hasSome(before)),
    countChange: countChangeInSource(before, after, [...moved], families.subtree, coderId),
  };
}

/** Runs `change` (one transaction on source `sourceId`'s codings) and says what it did to them. */
export function withCodingsChange<T>(db: Database.Database, sourceId: number, change: () => T): { result: T; change?: CodingsChange } {
  const before = codingsForSource(db, sourceId);
  const result = change();
  const diff = codingsChangeBetween(db, sourceId, before, codingsForSource(db, sourceId));
  return diff ? { result, change: diff } : { result };
}

/**
 * Undo or redo (`run`) with what it did to the codings, when the step changed codings of
 * one source and nothing else (an uncode, a resize, a coding by a known coder): the
 * rows the step names are read before and after, the rest of the source is as it was.
 */
export function withHistoryChange<T>(db: Database.Database, touched: Map<string, number[]> | null, run: () => T): { result: T; change?: CodingsChange } {
  const ids = touched?.size === 1 ? touched.get('codings') : undefined;
  if (!ids) return { result: run() };
  const was = codingsByIds(db, ids);
  const result = run();
  const now = codingsByIds(db, ids);
  const sources = new Set([...was, ...now].map((c) => c.sourceId));
  if (sources.size !== 1) return { result };
  const sourceId = [...sources][0]!;
  const after = codingsForSource(db, sourceId);
  const named = new Set(ids);
  const before = [...after.filter((c) => !named.has(c.id)), ...was];
  const change = codingsChangeBetween(db, sourceId, before, after);
  return change ? { result, change } : { result };
}
