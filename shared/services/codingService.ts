import type Database from 'better-sqlite3';
import type { AppliedCoding, CodedPassage, Coding } from '../domain/types.js';
import { QuarryError } from '../errors.js';
import { assertCodable } from './folderCodes.js';
import { descendantIds, findChildCode, getCodeRow, insertCode } from '../store/codesStore.js';
import {
  deleteCoding,
  findCoding,
  getCoding,
  listPassages,
  updateCodingCode,
  type PassageFilter,
} from '../store/codingsStore.js';
import { getSource, getSourceText } from '../store/sourcesStore.js';
import { inVivoName } from '../domain/inVivoName.js';
import { sliceCodePoints } from '../text/positions.js';
import { findUserByName } from '../store/usersStore.js';
import { codeTree, ensureCodePath, flattenTree, paletteColor } from './codeService.js';
import { absorbTouching, codeSpanMerging } from './codingMerge.js';
import { ensureCoder } from './coderService.js';
import type { ServiceContext } from './context.js';
import { mutate } from './context.js';

export function checkSpan(db: Database.Database, sourceId: number, start: number, end: number): void {
  const src = getSource(db, sourceId);
  if (!src) throw new QuarryError('not_found', 'That source no longer exists.');
  if (!Number.isInteger(start) || !Number.isInteger(end)) throw new QuarryError('bad_request', 'Positions must be whole numbers.');
  if (start < 0) throw new QuarryError('bad_request', `The start (${start}) cannot be negative.`);
  if (start >= end) throw new QuarryError('bad_request', `The start (${start}) must be before the end (${end}).`);
  if (end > src.characters) {
    throw new QuarryError('bad_request', `The end (${end}) is beyond the end of “${src.name}”, which has ${src.characters} characters.`);
  }
}

export interface ApplyCodingArgs {
  sourceId: number;
  start: number;
  end: number;
  codeId?: number;
  /** Alternative to codeId: a path, created if missing. */
  codePath?: string;
}

/**
 * Applies one code to one span. Your overlapping or touching codings at the
 * code merge with it into one coding (see codingMerge.ts); a span you have
 * already coded there changes nothing (`alreadyCoded`).
 */
export function applyCoding(ctx: ServiceContext, args: ApplyCodingArgs): AppliedCoding {
  return mutate(ctx, 'Code passage', (db) => {
    checkSpan(db, args.sourceId, args.start, args.end);
    const coder = ensureCoder(db, ctx.coderName);
    let codeId = args.codeId;
    if (codeId === undefined) {
      if (!args.codePath) throw new QuarryError('bad_request', 'Say which code to apply.');
      codeId = ensureCodePath(db, coder.id, args.codePath).id;
    } else if (!getCodeRow(db, codeId)) {
      throw new QuarryError('not_found', 'That code no longer exists.');
    }
    const { id, mergedWith, alreadyCoded } = codeSpanMerging(db, { sourceId: args.sourceId, codeId, start: args.start, end: args.end, coderId: coder.id });
    return { ...getCoding(db, id)!, mergedWith, alreadyCoded };
  });
}

export interface InVivoArgs {
  sourceId: number;
  start: number;
  end: number;
  /** Where the new code goes (null or absent: top level). */
  parentId?: number | null;
  /** The name to use instead of the one made from the selected words. */
  name?: string;
}

export interface InVivoResult {
  coding: Coding;
  codeId: number;
  name: string;
  /** False when a code of that name already existed under the parent and was reused. */
  created: boolean;
}

/**
 * In-vivo coding: a code named from the selected words (or `name`), created
 * under `parentId` unless one of that name is already there, and applied to
 * the span — one undoable step.
 */
export function inVivoCoding(ctx: ServiceContext, args: InVivoArgs): InVivoResult {
  return mutate(ctx, 'Code in vivo', (db) => {
    checkSpan(db, args.sourceId, args.start, args.end);
    const parentId = args.parentId ?? null;
    if (parentId !== null && !getCodeRow(db, parentId)) throw new QuarryError('not_found', 'The parent code no longer exists.');
    const words = args.name ?? sliceCodePoints(getSourceText(db, args.sourceId) ?? '', args.start, args.end);
    const name = inVivoName(words);
    if (!name) throw new QuarryError('bad_request', 'The selection has no words to name a code with.');
    const coder = ensureCoder(db, ctx.coderName);
    let codeId = findChildCode(db, parentId, name);
    const created = codeId === undefined;
    if (codeId === undefined) {
      codeId = insertCode(db, { parentId, name, color: paletteColor(db), description: '', createdBy: coder.id });
    }
    const { id } = codeSpanMerging(db, { sourceId: args.sourceId, codeId, start: args.start, end: args.end, coderId: coder.id });
    return { coding: getCoding(db, id)!, codeId, name, created };
  });
}

export function removeCoding(ctx: ServiceContext, id: number): void {
  mutate(ctx, 'Uncode passage', (db) => {
    if (!getCoding(db, id)) throw new QuarryError('not_found', 'That coding no longer exists.');
    deleteCoding(db, id);
  });
}

/** Removes a code from every coding of it that overlaps [start, end) in a source (NVivo's "uncode selection"). */
export function uncodeSelection(ctx: ServiceContext, args: { sourceId: number; codeId: number; start: number; end: number }): number {
  return mutate(ctx, 'Uncode selection', (db) => {
    const rows = db
      .prepare(`SELECT id FROM codings WHERE source_id = ? AND code_id = ? AND start_pos < ? AND end_pos > ?`)
      .pluck()
      .all(args.sourceId, args.codeId, args.end, args.start) as number[];
    for (const id of rows) deleteCoding(db, id);
    return rows.length;
  });
}

export function resizeCoding(ctx: ServiceContext, args: { id: number; start: number; end: number }): Coding {
  return mutate(ctx, 'Resize coding', (db) => {
    const c = getCoding(db, args.id);
    if (!c) throw new QuarryError('not_found', 'That coding no longer exists.');
    checkSpan(db, c.sourceId, args.start, args.end);
    // Resized over (or up to) the coder's other codings at this code: one coding covers them all.
    absorbTouching(db, args.id, { start: args.start, end: args.end });
    return getCoding(db, args.id)!;
  });
}

export function recodeCoding(ctx: ServiceContext, args: { id: number; codeId: number }): Coding {
  return mutate(ctx, 'Recode passage', (db) => {
    const c = getCoding(db, args.id);
    if (!c) throw new QuarryError('not_found', 'That coding no longer exists.');
    if (!getCodeRow(db, args.codeId)) throw new QuarryError('not_found', 'That code no longer exists.');
    assertCodable(db, args.codeId);
    const dup = findCoding(db, c.sourceId, args.codeId, c.coderId, c.start, c.end);
    if (dup !== undefined) {
      deleteCoding(db, args.id);
      return getCoding(db, dup)!;
    }
    updateCodingCode(db, args.id, args.codeId);
    // At its new code it merges with the coder's codings there that it overlaps or touches.
    absorbTouching(db, args.id);
    return getCoding(db, args.id)!;
  });
}

export interface PassageQuery {
  codeId?: number;
  /** Include codings of the code's descendants (NVivo's aggregate). */
  includeChildren?: boolean;
  sourceId?: number;
  coderName?: string;
}

export function passages(db: Database.Database, q: PassageQuery): CodedPassage[] {
  const filter: PassageFilter = {};
  if (q.codeId !== undefined) filter.codeIds = q.includeChildren ? descendantIds(db, q.codeId) : [q.codeId];
  if (q.sourceId !== undefined) filter.sourceId = q.sourceId;
  if (q.coderName !== undefined) {
    const coder = findUserByName(db, q.coderName);
    if (!coder) throw new QuarryError('not_found', `There is no coder “${q.coderName}” in this project.`);
    filter.coderId = coder.id;
  }
  const paths = new Map(flattenTree(codeTree(db)).map((n) => [n.id, n.path]));
  return listPassages(db, filter).map((r) => ({ ...r, code: paths.get(r.codeId) ?? '' }));
}
