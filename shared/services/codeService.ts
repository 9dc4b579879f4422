import { assertCodable } from './folderCodes.js';
import type Database from 'better-sqlite3';
import { joinPath, splitPath } from '../domain/codePath.js';
import type { CodeNode } from '../domain/types.js';
import { QuarryError } from '../errors.js';
import {
  deleteCode,
  descendantIds,
  findChildCode,
  getCodeRow,
  insertCode,
  listCodeRows,
  moveCode,
  nextSortOrder,
  updateCode,
} from '../store/codesStore.js';
import { countCodingsUnder } from '../store/codingsStore.js';
import { moveCodeSetMemberships } from '../store/itemSetsStore.js';
import { codeCounts } from '../queries/codeCounts.js';
import { stmt } from '../store/statements.js';
import { findUserByName } from '../store/usersStore.js';
import { ensureCoder } from './coderService.js';
import type { ServiceContext } from './context.js';
import { mutate } from './context.js';

export { CODE_PALETTE } from '../domain/codeColor.js';
import { CODE_PALETTE } from '../domain/codeColor.js';
const COLOR_RE = /^#[0-9a-fA-F]{6}$/;

export function checkColor(color: string): string {
  if (!COLOR_RE.test(color)) throw new QuarryError('bad_request', `“${color}” is not a colour; use the form #rrggbb.`);
  return color.toLowerCase();
}

function checkName(name: string): string {
  const clean = name.trim();
  if (!clean) throw new QuarryError('bad_request', 'A code needs a name.');
  if (clean.length > 200) throw new QuarryError('bad_request', 'Code names are limited to 200 characters.');
  return clean;
}

const NO_COUNTS = { references: 0, sources: 0, aggregateReferences: 0, aggregateSources: 0, codings: 0 };

/** The whole code tree with paths and reference counts for the coders in view (everyone, or the coder `coderId`). */
export function codeTree(db: Database.Database, coderId: number | null = null): CodeNode[] {
  const rows = listCodeRows(db);
  const counts = codeCounts(db, new Map(rows.map((r) => [r.id, r.parentId])), coderId);
  const nodes = new Map<number, CodeNode>();
  for (const r of rows) nodes.set(r.id, { ...r, ...(counts.get(r.id) ?? NO_COUNTS), path: '', children: [] });
  const roots: CodeNode[] = [];
  for (const r of rows) {
    const node = nodes.get(r.id)!;
    const parent = r.parentId === null ? undefined : nodes.get(r.parentId);
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const setPaths = (list: CodeNode[], prefix: string[]) => {
    for (const n of list) {
      n.path = joinPath([...prefix, n.name]);
      setPaths(n.children, [...prefix, n.name]);
    }
  };
  setPaths(roots, []);
  return roots;
}

/**
 * The code tree counted for the coders in view: everyone (no name), or the
 * coder named. A coder who has not coded in this project yet has no
 * references anywhere.
 */
export function codeTreeFor(db: Database.Database, coderName?: string): CodeNode[] {
  if (coderName === undefined) return codeTree(db);
  return codeTree(db, findUserByName(db, coderName)?.id ?? NO_CODER);
}

/** No coder has this id (ids are positive), so nothing is counted. */
const NO_CODER = 0;

export function flattenTree(roots: CodeNode[]): CodeNode[] {
  const out: CodeNode[] = [];
  const walk = (list: CodeNode[]) => {
    for (const n of list) {
      out.push(n);
      walk(n.children);
    }
  };
  walk(roots);
  return out;
}

/** Resolves a full code path to an id, or undefined. */
export function findCodeByPath(db: Database.Database, path: string): number | undefined {
  let parent: number | null = null;
  for (const name of splitPath(path)) {
    const id = findChildCode(db, parent, name);
    if (id === undefined) return undefined;
    parent = id;
  }
  return parent ?? undefined;
}

export function requireCodeByPath(db: Database.Database, path: string): number {
  const id = findCodeByPath(db, path);
  if (id === undefined) throw new QuarryError('not_found', `There is no code “${path}”.`, { code: path });
  return id;
}

export function pathOfCode(db: Database.Database, id: number): string {
  const names: string[] = [];
  let cur: number | null = id;
  while (cur !== null) {
    const row = getCodeRow(db, cur);
    if (!row) throw new QuarryError('not_found', `There is no code with id ${id}.`);
    names.unshift(row.name);
    cur = row.parentId;
  }
  return joinPath(names);
}

/** The next colour from the palette, cycling by the number of codes. */
export function paletteColor(db: Database.Database): string {
  const n = (stmt(db, `SELECT count(*) AS n FROM codes`).get() as { n: number }).n;
  return CODE_PALETTE[n % CODE_PALETTE.length]!;
}

/** Creates every missing level of a path (inside the caller's transaction); returns the leaf id. */
export function ensureCodePath(
  db: Database.Database,
  coderId: number | null,
  path: string,
  leaf: { color?: string; description?: string } = {},
): { id: number; created: boolean } {
  const names = splitPath(path).map(checkName);
  let parent: number | null = null;
  let created = false;
  names.forEach((name, i) => {
    const existing = findChildCode(db, parent, name);
    if (existing !== undefined) {
      parent = existing;
      return;
    }
    const isLeaf = i === names.length - 1;
    parent = insertCode(db, {
      parentId: parent,
      name,
      color: isLeaf && leaf.color ? checkColor(leaf.color) : paletteColor(db),
      description: isLeaf ? (leaf.description ?? '') : '',
      createdBy: coderId,
    });
    created = created || isLeaf;
  });
  return { id: parent as unknown as number, created };
}

export function createCode(
  ctx: ServiceContext,
  args: { path?: string; parentId?: number | null; name?: string; color?: string; description?: string },
): number {
  return mutate(ctx, 'Create code', (db) => {
    const coder = ensureCoder(db, ctx.coderName);
    if (args.path !== undefined) {
      const { id, created } = ensureCodePath(db, coder.id, args.path, args);
      if (!created) {
        // An existing code: apply the given colour/description rather than failing.
        const row = getCodeRow(db, id)!;
        if (args.color || args.description !== undefined) {
          updateCode(db, id, { name: row.name, color: args.color ? checkColor(args.color) : row.color, description: args.description ?? row.description });
        }
      }
      return id;
    }
    const parentId = args.parentId ?? null;
    if (parentId !== null && !getCodeRow(db, parentId)) throw new QuarryError('not_found', 'The parent code no longer exists.');
    const name = checkName(args.name ?? '');
    if (findChildCode(db, parentId, name) !== undefined) {
      throw new QuarryError('conflict', `There is already a code called “${name}” here.`);
    }
    return insertCode(db, {
      parentId,
      name,
      color: args.color ? checkColor(args.color) : paletteColor(db),
      description: args.description ?? '',
      createdBy: coder.id,
    });
  });
}

/** `color: null` takes the code's colour away; undefined leaves it. */
export function updateCodeDetails(ctx: ServiceContext, args: { id: number; name?: string; color?: string | null; description?: string }): void {
  mutate(ctx, 'Edit code', (db) => {
    const row = getCodeRow(db, args.id);
    if (!row) throw new QuarryError('not_found', 'That code no longer exists.');
    const name = args.name !== undefined ? checkName(args.name) : row.name;
    if (name !== row.name && findChildCode(db, row.parentId, name) !== undefined) {
      throw new QuarryError('conflict', `There is already a code called “${name}” here.`);
    }
    updateCode(db, args.id, {
      name,
      color: args.color === undefined ? row.color : args.color === null ? null : checkColor(args.color),
      description: args.description ?? row.description,
    });
  });
}

export function moveCodeTo(ctx: ServiceContext, args: { id: number; parentId: number | null; index?: number }): void {
  mutate(ctx, 'Move code', (db) => {
    const row = getCodeRow(db, args.id);
    if (!row) throw new QuarryError('not_found', 'That code no longer exists.');
    if (args.parentId !== null) {
      if (descendantIds(db, args.id).includes(args.parentId)) {
        throw new QuarryError('bad_request', 'A code cannot be moved inside itself.');
      }
      if (!getCodeRow(db, args.parentId)) throw new QuarryError('not_found', 'The target code no longer exists.');
    }
    const clash = findChildCode(db, args.parentId, row.name);
    if (clash !== undefined && clash !== args.id) {
      throw new QuarryError('conflict', `There is already a code called “${row.name}” there; merge them instead.`);
    }
    const siblings = stmt(db, `SELECT id FROM codes WHERE ifnull(parent_id, 0) = ifnull(?, 0) AND id != ? ORDER BY sort_order, name, id`)
      .pluck()
      .all(args.parentId, args.id) as number[];
    const index = Math.max(0, Math.min(args.index ?? siblings.length, siblings.length));
    siblings.splice(index, 0, args.id);
    siblings.forEach((id, i) => {
      if (id === args.id) moveCode(db, id, args.parentId, i);
      else stmt(db, `UPDATE codes SET sort_order = ? WHERE id = ? AND sort_order != ?`).run(i, id, i);
    });
  });
}

/** How many codings (the code's and its descendants') a delete would remove. */
export function deleteCodePreview(db: Database.Database, id: number): { codes: number; codings: number } {
  const ids = descendantIds(db, id);
  return { codes: ids.length, codings: countCodingsUnder(db, ids) };
}

export function deleteCodeTree(ctx: ServiceContext, id: number): { codes: number; codings: number } {
  return mutate(ctx, 'Delete code', (db) => {
    if (!getCodeRow(db, id)) throw new QuarryError('not_found', 'That code no longer exists.');
    const preview = deleteCodePreview(db, id);
    deleteCode(db, id);
    return preview;
  });
}

/**
 * Merges `sourceId` into `targetId`: codings move to the target (exact
 * duplicates by the same coder collapse), children move under the target
 * (merging recursively on a name clash), the target joins the source's code
 * sets, then the source code is removed.
 */
export function mergeCodes(ctx: ServiceContext, args: { from: number; into: number }): { moved: number; collapsed: number } {
  return mutate(ctx, 'Merge codes', (db) => mergeInto(db, args.from, args.into));
}

function mergeInto(db: Database.Database, from: number, into: number): { moved: number; collapsed: number } {
  if (from === into) throw new QuarryError('bad_request', 'A code cannot be merged into itself.');
  if (!getCodeRow(db, from) || !getCodeRow(db, into)) throw new QuarryError('not_found', 'One of the codes no longer exists.');
  assertCodable(db, into);
  if (descendantIds(db, from).includes(into)) throw new QuarryError('bad_request', 'A code cannot be merged into one of its own children.');
  const collapsed = stmt(
    db,
    `DELETE FROM codings WHERE code_id = ? AND EXISTS (
       SELECT 1 FROM codings t WHERE t.code_id = ? AND t.source_id = codings.source_id AND t.coder_id = codings.coder_id
         AND t.start_pos = codings.start_pos AND t.end_pos = codings.end_pos)`,
  ).run(from, into).changes;
  const moved = stmt(db, `UPDATE codings SET code_id = ? WHERE code_id = ?`).run(into, from).changes;
  stmt(db, `UPDATE memos SET code_id = ? WHERE code_id = ?`).run(into, from);
  moveCodeSetMemberships(db, from, into);
  let total = { moved, collapsed };
  const children = stmt(db, `SELECT id, name FROM codes WHERE parent_id = ?`).all(from) as { id: number; name: string }[];
  for (const child of children) {
    const clash = findChildCode(db, into, child.name);
    if (clash !== undefined) {
      const r = mergeInto(db, child.id, clash);
      total = { moved: total.moved + r.moved, collapsed: total.collapsed + r.collapsed };
    } else {
      moveCode(db, child.id, into, nextSortOrder(db, into));
    }
  }
  deleteCode(db, from);
  return total;
}
