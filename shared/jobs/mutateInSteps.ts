/**
 * The long-operation counterpart of mutate(): one transaction and one undo
 * step that stays open across awaits, rolled back whole on an error or a
 * cancellation. Waits for a backup under way first (a backup cannot copy
 * from a connection in the middle of a write transaction).
 */
import type Database from 'better-sqlite3';
import { writable, type ServiceContext } from '../services/context.js';

export async function mutateInSteps<T>(ctx: ServiceContext, label: string, fn: (db: Database.Database) => Promise<T>): Promise<T> {
  const db = writable(ctx);
  while (ctx.project.backupInFlight) await ctx.project.backupInFlight.catch(() => undefined);
  writable(ctx);
  const result = await ctx.project.history.stepAsync(label, () => fn(db));
  ctx.project.disk.record();
  return result;
}
