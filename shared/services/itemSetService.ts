/**
 * Source sets and code sets: named groups of sources or codes picked by
 * hand, beside case sets (caseSetService.ts). Every edit is one undoable
 * step; a member that no longer exists is left out silently (it was
 * deleted meanwhile), an empty or taken name is refused.
 */
import type Database from 'better-sqlite3';
import type { ItemSetInfo, ItemSetKind } from '../domain/setTypes.js';
import { QuarryError } from '../errors.js';
import {
  changeItemSetMembers,
  deleteItemSet,
  existingMemberIds,
  findItemSetByName,
  getItemSet,
  insertItemSet,
  itemSetMemberIds,
  listItemSets,
  updateItemSet,
  type ItemSetRow,
} from '../store/itemSetsStore.js';
import { mutate, type ServiceContext } from './context.js';

export const KIND_NOUN: Record<ItemSetKind, string> = { sources: 'source set', codes: 'code set' };

const info = (db: Database.Database, s: ItemSetRow): ItemSetInfo => ({ ...s, memberIds: itemSetMemberIds(db, s.kind, s.id) });

export function listItemSetInfo(db: Database.Database, kind?: ItemSetKind): ItemSetInfo[] {
  return listItemSets(db, kind).map((s) => info(db, s));
}

function requireSet(db: Database.Database, id: number): ItemSetRow {
  const s = getItemSet(db, id);
  if (!s) throw new QuarryError('not_found', 'That set no longer exists.');
  return s;
}

export function itemSetInfo(db: Database.Database, id: number): ItemSetInfo {
  return info(db, requireSet(db, id));
}

function checkedName(db: Database.Database, kind: ItemSetKind, raw: string, ownId?: number): string {
  const name = raw.trim();
  if (!name) throw new QuarryError('bad_request', `A ${KIND_NOUN[kind]} needs a name.`);
  const clash = findItemSetByName(db, kind, name);
  if (clash && clash.id !== ownId) throw new QuarryError('conflict', `There is already a ${KIND_NOUN[kind]} called “${clash.name}”.`);
  return name;
}

export interface CreateItemSetArgs {
  kind: ItemSetKind;
  name: string;
  description?: string;
  memberIds?: number[];
  /** Kept from a REFI-QDA file, so a round trip keeps the set's identity. */
  guid?: string;
}

/** Creates a set inside the caller's step (the REFI import makes many in one). */
export function insertItemSetWithMembers(db: Database.Database, args: CreateItemSetArgs): number {
  const name = checkedName(db, args.kind, args.name);
  const id = insertItemSet(db, { kind: args.kind, name, description: args.description ?? '', ...(args.guid ? { guid: args.guid } : {}) });
  changeItemSetMembers(db, args.kind, id, { add: existingMemberIds(db, args.kind, [...new Set(args.memberIds ?? [])]) });
  return id;
}

export function createItemSet(ctx: ServiceContext, args: CreateItemSetArgs): ItemSetInfo {
  return mutate(ctx, `Create ${KIND_NOUN[args.kind]}`, (db) => itemSetInfo(db, insertItemSetWithMembers(db, args)));
}

/** Renames and/or describes a set. */
export function updateItemSetMeta(ctx: ServiceContext, args: { id: number; name?: string; description?: string }): ItemSetInfo {
  return mutate(ctx, 'Edit set', (db) => {
    const s = requireSet(db, args.id);
    const name = args.name === undefined ? s.name : checkedName(db, s.kind, args.name, s.id);
    updateItemSet(db, s.id, { name, description: args.description ?? s.description });
    return itemSetInfo(db, s.id);
  });
}

export function changeMembers(ctx: ServiceContext, args: { id: number; add?: number[]; remove?: number[] }): ItemSetInfo {
  return mutate(ctx, args.add?.length ? 'Add to set' : 'Remove from set', (db) => {
    const s = requireSet(db, args.id);
    changeItemSetMembers(db, s.kind, s.id, { add: existingMemberIds(db, s.kind, args.add ?? []), remove: args.remove ?? [] });
    return itemSetInfo(db, s.id);
  });
}

export function removeItemSet(ctx: ServiceContext, id: number): void {
  mutate(ctx, 'Delete set', (db) => {
    requireSet(db, id);
    deleteItemSet(db, id);
  });
}
