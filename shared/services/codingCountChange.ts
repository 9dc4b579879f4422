/**
 * Applying a code, with how it changed the code tree's numbers, so a view
 * can move its counts by the difference instead of recounting every coding
 * in the project (the API's codings.apply; the CLI's `quarry code` keeps the
 * plain result). The source's share is read before and after the change:
 * only its codings at the codes under the applied code's top-level ancestor.
 */
import type Database from 'better-sqlite3';
import type { AppliedCodingWithCounts } from '../domain/types.js';
import { countChangeInSource } from '../queries/countChange.js';
import { listCodeRows } from '../store/codesStore.js';
import { spansAtCodes } from '../store/codingsStore.js';
import { applyCoding, type ApplyCodingArgs } from './codingService.js';
import type { ServiceContext } from './context.js';

function codeFamily(db: Database.Database, codeId: number) {
  const parents = new Map(listCodeRows(db).map((r) => [r.id, r.parentId]));
  const chain: number[] = [];
  for (let id: number | null | undefined = codeId; id !== null && id !== undefined && !chain.includes(id); id = parents.get(id)) chain.push(id);
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
  return { chain, subtree };
}

export function applyCodingWithCounts(ctx: ServiceContext, args: ApplyCodingArgs): AppliedCodingWithCounts {
  const db = ctx.project.db;
  if (args.codeId === undefined) return applyCoding(ctx, args);
  const family = codeFamily(db, args.codeId);
  const top = [...family.subtree(family.chain[family.chain.length - 1]!)];
  const before = spansAtCodes(db, args.sourceId, top);
  const result = applyCoding(ctx, args);
  if (result.alreadyCoded) return result;
  const after = spansAtCodes(db, args.sourceId, top);
  return { ...result, countChange: countChangeInSource(before, after, family.chain, family.subtree, result.coderId) };
}
