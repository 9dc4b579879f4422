/**
 * Undo and redo on the data side. Temporary triggers (they live only as long
 * as this connection, i.e. until the project is closed) record, for every
 * row a mutation touches, the SQL statement that reverses it. A user action
 * is one "step": undo replays its inverse statements newest first; replaying
 * them is itself recorded, which gives the redo step. This covers every table
 * and every bulk operation (merge, delete a code, auto-code) without each
 * service writing its own inverse.
 */
import type Database from 'better-sqlite3';
import { AsyncLocalStorage } from 'node:async_hooks';
import { QuarryError } from '../errors.js';
import { CURRENT_SCHEMA_VERSION } from './migrations/index.js';
import { canonicalSchema } from './schema/canonicalSchema.js';
import { quoteIdent, quoteString } from './sqlIdentifier.js';

/** Tables whose rows are user data (undoable). */
const UNTRACKED = new Set(['project_meta']);

import type { HistoryEntry, HistoryState } from './undoHistoryTypes.js';

export type { HistoryEntry, HistoryState };

export class UndoLog {
  private readonly db: Database.Database;
  private undoStack: HistoryEntry[] = [];
  private redoStack: HistoryEntry[] = [];
  private currentStep = 0;
  private nextStep = 1;
  private readonly installedFor = new Set<string>();
  /** The long step under way (stepAsync), and the async context it runs in. */
  private longStep: { label: string; owner: symbol } | null = null;
  private readonly stepOwner = new AsyncLocalStorage<symbol>();

  constructor(db: Database.Database) {
    this.db = db;
    db.function('quarry_undo_step', { deterministic: false, varargs: false }, () => this.currentStep);
    db.exec(`CREATE TEMP TABLE IF NOT EXISTS undo_log (seq INTEGER PRIMARY KEY, step INTEGER NOT NULL, sql TEXT NOT NULL)`);
    db.exec(`CREATE INDEX IF NOT EXISTS temp.undo_log_step ON undo_log(step)`);
    // Triggers are created on the first undoable change, not at open: a read-only
    // or read-mostly session (the CLI, a viewer) never pays for them.
  }

  private triggersReady = false;

  private ensureTriggers(): void {
    if (this.triggersReady) return;
    this.installTriggers();
    this.triggersReady = true;
  }

  /**
   * Creates the triggers for every data table of Quarry's schema. The tables and
   * columns come from the canonical schema (code), never from the file: the file
   * was checked to match it when it was opened, and a name read out of a file is
   * never pasted into SQL.
   */
  installTriggers(): void {
    for (const { name: table, columns } of canonicalSchema(CURRENT_SCHEMA_VERSION).dataTables) {
      if (UNTRACKED.has(table) || this.installedFor.has(table)) continue;
      this.installedFor.add(table);
      this.db.exec(undoTriggersSql(table, columns));
    }
  }

  /**
   * Runs fn as one undoable step inside one transaction. Nested calls join
   * the outer step. Returns fn's result.
   */
  step<T>(label: string, fn: () => T): T {
    this.refuseDuringLongStep();
    if (this.currentStep !== 0) return fn();
    this.ensureTriggers();
    const step = this.nextStep++;
    this.currentStep = step;
    try {
      const result = this.db.transaction(fn)();
      const logged = this.db.prepare(`SELECT 1 FROM undo_log WHERE step = ? LIMIT 1`).get(step);
      if (logged) {
        this.undoStack.push({ step, label });
        this.clearRedo();
      }
      return result;
    } finally {
      this.currentStep = 0;
    }
  }

  /** The label of the long step under way, if any. */
  get busyWith(): string | null {
    return this.longStep?.label ?? null;
  }

  /**
   * A long user action as one undoable step: one transaction that stays open
   * while fn awaits (it yields to the event loop between chunks so progress
   * and Cancel can be heard). If fn throws — a cancellation included — the
   * whole step is rolled back and nothing of it remains. Writes from other
   * callers are refused meanwhile (they would otherwise join this step).
   */
  async stepAsync<T>(label: string, fn: () => Promise<T>): Promise<T> {
    const { step, owner } = this.startLongStep(label);
    this.currentStep = step;
    try {
      this.db.exec('BEGIN IMMEDIATE');
      let result: T;
      try {
        result = await this.stepOwner.run(owner, fn);
        this.db.exec('COMMIT');
      } catch (err) {
        // The undo log is a TEMP table inside the same transaction: it rolls back too.
        if (this.db.open && this.db.inTransaction) this.db.exec('ROLLBACK');
        throw err;
      }
      const logged = this.db.prepare(`SELECT 1 FROM undo_log WHERE step = ? LIMIT 1`).get(step);
      if (logged) {
        this.undoStack.push({ step, label });
        this.clearRedo();
      }
      return result;
    } finally {
      this.currentStep = 0;
      this.longStep = null;
    }
  }

  /**
   * A long step written and committed by another connection to the same file
   * (the merge writer thread's: its large COMMIT then never holds this
   * thread). Meanwhile this connection writes nothing and other writers are
   * refused, as during stepAsync. fn tells, through `other`, when the other
   * connection has committed, and hands over its inverse statements, oldest
   * first, as JSON arrays of strings (SQLite takes them apart: a million
   * statements never become a million strings in this heap): they become one
   * undo step here. Should fn fail after the other commit, the project holds
   * a change this history cannot reverse, so the history is forgotten.
   */
  async stepElsewhere<T>(label: string, fn: (other: { committed: () => void; adopt: (statementsJson: string) => void }) => Promise<T>): Promise<T> {
    const { step, owner } = this.startLongStep(label);
    let committed = false;
    let adopted = false;
    const insert = this.db.prepare(`INSERT INTO undo_log(step, sql) SELECT ?, value FROM json_each(?) WHERE type = 'text' ORDER BY key`);
    const adopt = (statementsJson: string): void => {
      adopted = insert.run(step, statementsJson).changes > 0 || adopted;
    };
    try {
      const result = await this.stepOwner.run(owner, () => fn({ committed: () => (committed = true), adopt }));
      if (adopted) {
        this.undoStack.push({ step, label });
        this.clearRedo();
      }
      return result;
    } catch (err) {
      if (committed || adopted) this.reset();
      throw err;
    } finally {
      this.longStep = null;
    }
  }

  /**
   * A long step's number and owner, once no other step is under way; the triggers are in place first (for a step
   * written elsewhere, undoing it here is what they record: its redo).
   */
  private startLongStep(label: string): { step: number; owner: symbol } {
    this.refuseDuringLongStep();
    if (this.currentStep !== 0 || this.db.inTransaction) {
      throw new QuarryError('busy', `Quarry is still busy with another change; try “${label}” again in a moment.`);
    }
    this.ensureTriggers();
    const owner = Symbol(label);
    this.longStep = { label, owner };
    return { step: this.nextStep++, owner };
  }

  private refuseDuringLongStep(): void {
    const long = this.longStep;
    if (long && this.stepOwner.getStore() !== long.owner) {
      throw new QuarryError('busy', `Quarry is busy with “${long.label}”; wait for it to finish or cancel it.`);
    }
  }

  /** Runs fn in a transaction without recording history (bulk generators, migrations). */
  untracked<T>(fn: () => T): T {
    this.refuseDuringLongStep();
    const saved = this.currentStep;
    this.currentStep = 0;
    try {
      return this.db.transaction(fn)();
    } finally {
      this.currentStep = saved;
    }
  }

  undo(): HistoryEntry | null {
    this.refuseDuringLongStep();
    const entry = this.undoStack.pop();
    if (!entry) return null;
    const redo = this.replay(entry);
    this.redoStack.push(redo);
    return entry;
  }

  redo(): HistoryEntry | null {
    this.refuseDuringLongStep();
    const entry = this.redoStack.pop();
    if (!entry) return null;
    const undo = this.replay(entry);
    this.undoStack.push(undo);
    return entry;
  }

  state(): HistoryState {
    return {
      undo: this.undoStack[this.undoStack.length - 1] ?? null,
      redo: this.redoStack[this.redoStack.length - 1] ?? null,
      undoDepth: this.undoStack.length,
      redoDepth: this.redoStack.length,
    };
  }

  /**
   * What undoing (or redoing) the next step would touch: the tables, and the rowids per
   * table, read from its inverse statements (see undoTriggersSql). Null when there is none.
   */
  peek(which: 'undo' | 'redo'): Map<string, number[]> | null {
    const stack = which === 'undo' ? this.undoStack : this.redoStack;
    const entry = stack[stack.length - 1];
    if (!entry) return null;
    const statements = this.db.prepare(`SELECT sql FROM undo_log WHERE step = ?`).pluck().all(entry.step) as string[];
    const touched = new Map<string, number[]>();
    for (const sql of statements) {
      const m = /^(?:DELETE FROM |UPDATE |INSERT INTO )"((?:[^"]|"")*)"/.exec(sql);
      const rowid = /^INSERT/.test(sql) ? /\) VALUES\((-?\d+),/.exec(sql) : / WHERE rowid=(-?\d+)$/.exec(sql);
      if (!m || !rowid) return new Map([['?', []]]);
      const table = m[1]!.replace(/""/g, '"');
      touched.set(table, [...(touched.get(table) ?? []), Number(rowid[1])]);
    }
    return touched;
  }

  /** Forget all history (after operations that cannot be undone, e.g. a schema migration). */
  reset(): void {
    this.db.exec(`DELETE FROM undo_log`);
    this.undoStack = [];
    this.redoStack = [];
  }

  private replay(entry: HistoryEntry): HistoryEntry {
    const statements = this.db
      .prepare(`SELECT sql FROM undo_log WHERE step = ? ORDER BY seq DESC`)
      .pluck()
      .all(entry.step) as string[];
    const inverse = this.nextStep++;
    this.currentStep = inverse;
    try {
      this.db.transaction(() => {
        // Rows come back newest first; cascades may have logged a child after its parent.
        this.db.pragma('defer_foreign_keys = ON');
        for (const sql of statements) this.db.exec(sql);
        this.db.prepare(`DELETE FROM undo_log WHERE step = ?`).run(entry.step);
      })();
    } finally {
      this.currentStep = 0;
    }
    return { step: inverse, label: entry.label };
  }

  private clearRedo(): void {
    if (this.redoStack.length === 0) return;
    const del = this.db.prepare(`DELETE FROM undo_log WHERE step = ?`);
    for (const e of this.redoStack) del.run(e.step);
    this.redoStack = [];
  }
}

/** The three TEMP triggers that log, for each row change of one table, the SQL that reverses it. */
function undoTriggersSql(table: string, columns: readonly string[]): string {
  const t = quoteIdent(table);
  const trigger = (event: string) => quoteIdent(`undo_${table}_${event}`);
  const q = columns.map(quoteIdent);
  // quote() stops a TEXT value at its first NUL; going through a blob literal keeps every byte.
  const literal = (v: string) => `CASE typeof(${v}) WHEN 'text' THEN 'CAST('||quote(CAST(${v} AS BLOB))||' AS TEXT)' ELSE quote(${v}) END`;
  const oldValues = ['old.rowid', ...q.map((c) => literal(`old.${c}`))].join(`||','||`);
  const setOld = q.map((c) => `${quoteString(`${c}=`)}||${literal(`old.${c}`)}`).join(`||','||`);
  const log = (expr: string) => `INSERT INTO undo_log(step, sql) SELECT quarry_undo_step(), ${expr} WHERE quarry_undo_step() > 0;`;
  return `
    DROP TRIGGER IF EXISTS temp.${trigger('insert')};
    DROP TRIGGER IF EXISTS temp.${trigger('update')};
    DROP TRIGGER IF EXISTS temp.${trigger('delete')};
    CREATE TEMP TRIGGER ${trigger('insert')} AFTER INSERT ON main.${t} BEGIN
      ${log(`${quoteString(`DELETE FROM ${t} WHERE rowid=`)}||new.rowid`)}
    END;
    CREATE TEMP TRIGGER ${trigger('update')} AFTER UPDATE ON main.${t} BEGIN
      ${log(`${quoteString(`UPDATE ${t} SET `)}||${setOld}||${quoteString(' WHERE rowid=')}||old.rowid`)}
    END;
    CREATE TEMP TRIGGER ${trigger('delete')} BEFORE DELETE ON main.${t} BEGIN
      ${log(`${quoteString(`INSERT INTO ${t}(${['rowid', ...q].join(',')}) VALUES(`)}||${oldValues}||')'`)}
    END;`;
}
