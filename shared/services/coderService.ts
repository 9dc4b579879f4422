import type Database from 'better-sqlite3';
import type { CodersOverview } from '../domain/coderTypes.js';
import type { Coder } from '../domain/types.js';
import { QuarryError } from '../errors.js';
import { coderActivity, findUserByName, getUser, insertUser, listUsers, updateUser } from '../store/usersStore.js';
import type { ServiceContext } from './context.js';
import { mutate } from './context.js';

const CODER_COLORS = ['#1e88e5', '#e53935', '#43a047', '#8e24aa', '#fb8c00', '#00897b', '#6d4c41', '#3949ab'];

export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/u).filter(Boolean);
  const letters = words.length > 1 ? [words[0]!, words[words.length - 1]!].map((w) => [...w][0]) : [...(words[0] ?? '?')].slice(0, 2);
  return letters.join('').toUpperCase();
}

/** The coder with this name, created if the project does not know them yet (inside the caller's transaction). */
export function ensureCoder(db: Database.Database, name: string): Coder {
  const clean = name.trim();
  if (!clean) throw new QuarryError('bad_request', 'A coder needs a name.');
  const found = findUserByName(db, clean);
  if (found) return found;
  const n = listUsers(db).length;
  return insertUser(db, { name: clean, initials: initialsOf(clean), color: CODER_COLORS[n % CODER_COLORS.length]! });
}

export function listCoders(ctx: ServiceContext): Coder[] {
  return listUsers(ctx.project.db);
}

const COLOR_RE = /^#[0-9a-fA-F]{6}$/;

export function saveCoder(ctx: ServiceContext, args: { id?: number; name: string; initials?: string; color?: string }): Coder {
  return mutate(ctx, args.id ? 'Edit coder' : 'Add coder', (db) => {
    const name = args.name.trim();
    if (!name) throw new QuarryError('bad_request', 'A coder needs a name.');
    if (name.length > 100) throw new QuarryError('bad_request', 'Coder names are limited to 100 characters.');
    if (args.color !== undefined && !COLOR_RE.test(args.color)) throw new QuarryError('bad_request', `“${args.color}” is not a colour; use the form #rrggbb.`);
    const other = findUserByName(db, name);
    if (other && other.id !== args.id) throw new QuarryError('conflict', `There is already a coder called “${name}”.`);
    if (args.id) {
      const before = getUser(db, args.id);
      if (!before) throw new QuarryError('not_found', 'That coder no longer exists.');
      // Omitted fields keep their value; initials follow a rename only when they were the automatic ones.
      const initials = args.initials?.trim() || (before.initials === initialsOf(before.name) ? initialsOf(name) : before.initials);
      updateUser(db, args.id, { name, initials, color: args.color?.toLowerCase() ?? before.color });
      return findUserByName(db, name)!;
    }
    const c = ensureCoder(db, name);
    if (args.initials || args.color) updateUser(db, c.id, { name, initials: args.initials ?? c.initials, color: args.color ?? c.color });
    return findUserByName(db, name)!;
  });
}

/** The project's coders with what each has done, and whether this machine's coder still has to be chosen. */
export function codersOverview(ctx: ServiceContext): CodersOverview {
  const db = ctx.project.db;
  const activity = coderActivity(db);
  const current = ctx.coderName.trim();
  const coders = listUsers(db).map((c) => {
    const a = activity.get(c.id);
    return { ...c, codings: a?.codings ?? 0, sources: a?.sources ?? 0, memos: a?.memos ?? 0, current: c.name === current };
  });
  const needsChoice = !ctx.project.readOnly && coders.length > 0 && !coders.some((c) => c.current);
  return { coders, currentName: current, needsChoice };
}

/**
 * Makes `name` a coder of the project (one undo step when it is new); the
 * caller remembers it as this machine's coder.
 */
export function joinAsCoder(ctx: ServiceContext, name: string): Coder {
  const clean = name.trim();
  if (!clean) throw new QuarryError('bad_request', 'A coder needs a name.');
  return findUserByName(ctx.project.db, clean) ?? mutate(ctx, 'Add coder', (db) => ensureCoder(db, clean));
}
