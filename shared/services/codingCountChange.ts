/**
 * Applying a code, with how it changed the code tree's numbers, so a view
 * can move its counts by the difference instead of recounting every coding
 * in the project (the API's codings.apply; the CLI's `quarry code` keeps the
 * plain result). The source's share is read before and after the change:
 * only its codings at the codes under the applied code's top-level ancestor.
 */
import type { AppliedCodingWithCounts } from '../domain/types.js';
import { countChangeInSource } from '../queries/countChange.js';
import { spansAtCodes } from '../store/codingsStore.js';
import { applyCoding, type ApplyCodingArgs } from './codingService.js';
import { codeFamilies } from './codingsChange.js';
import type { ServiceContext } from './context.js';

export function applyCodingWithCounts(ctx: ServiceContext, args: ApplyCodingArgs): AppliedCodingWithCounts {
  const db = ctx.project.db;
  if (args.codeId === undefined) return applyCoding(ctx, args);
  const families = codeFamilies(db);
  const chain = families.chainOf(args.codeId);
  const top = [...families.subtree(chain[chain.length - 1]!)];
  const before = spansAtCodes(db, args.sourceId, top);
  const result = applyCoding(ctx, args);
  if (result.alreadyCoded) return result;
  const after = spansAtCodes(db, args.sourceId, top);
  return { ...result, countChange: countChangeInSource(before, after, chain, families.subtree, result.coderId) };
}
