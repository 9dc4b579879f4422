import type { ProjectDb } from '../db/projectDb.js';
import type Database from 'better-sqlite3';
import { QuarryError } from '../errors.js';

/** What every service call works on: an open project and who is acting. */
export interface ServiceContext {
  project: ProjectDb;
  /** The current coder's name (created in the project on first write). */
  coderName: string;
}

export function writable(ctx: ServiceContext): Database.Database {
  if (ctx.project.readOnly) {
    throw new QuarryError('read_only', 'This project is open read-only; changes cannot be saved.');
  }
  // A file changed underneath Quarry (another program, a sync client) is never overwritten.
  ctx.project.disk.check();
  return ctx.project.db;
}

/** Runs a mutation as one undoable step, in one transaction. */
export function mutate<T>(ctx: ServiceContext, label: string, fn: (db: Database.Database) => T): T {
  const db = writable(ctx);
  const result = ctx.project.history.step(label, () => fn(db));
  ctx.project.disk.record();
  return result;
}
