import type Database from 'better-sqlite3';
import type { Coder } from '../domain/types.js';
import { QuarryError } from '../errors.js';
import { findUserByName, insertUser, listUsers, updateUser } from '../store/usersStore.js';
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

export function saveCoder(ctx: ServiceContext, args: { id?: number; name: string; initials?: string; color?: string }): Coder {
  return mutate(ctx, args.id ? 'Edit coder' : 'Add coder', (db) => {
    const name = args.name.trim();
    if (!name) throw new QuarryError('bad_request', 'A coder needs a name.');
    const other = findUserByName(db, name);
    if (other && other.id !== args.id) throw new QuarryError('conflict', `There is already a coder called “${name}”.`);
    if (args.id) {
      updateUser(db, args.id, { name, initials: args.initials ?? initialsOf(name), color: args.color ?? '#607d8b' });
      return findUserByName(db, name)!;
    }
    const c = ensureCoder(db, name);
    if (args.initials || args.color) updateUser(db, c.id, { name, initials: args.initials ?? c.initials, color: args.color ?? c.color });
    return findUserByName(db, name)!;
  });
}
