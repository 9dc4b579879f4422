/** What the merge tests share: a project opened for one service call at a time, as a given coder, and raw SQL on a closed file. */
import Database from 'better-sqlite3';
import { ProjectDb } from '../../shared/db/projectDb.js';
import type { ServiceContext } from '../../shared/services/context.js';

/** Opens the project at `path` as `coderName`, runs `fn` with it, and closes it whatever happens. */
export async function withProjectAs<T>(path: string, coderName: string, fn: (ctx: ServiceContext) => Promise<T>): Promise<T> {
  const ctx: ServiceContext = { project: ProjectDb.open(path).project, coderName };
  try {
    return await fn(ctx);
  } finally {
    ctx.project.close();
  }
}

/** Runs `fn` on a plain SQLite connection to a closed project file (what another program, or a tampering tool, does to it). */
export function onClosedFile<T>(path: string, fn: (db: Database.Database) => T): T {
  const db = new Database(path);
  try {
    return fn(db);
  } finally {
    db.close();
  }
}
