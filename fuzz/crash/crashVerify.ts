/**
 * After a kill: reopen the project the way Quarry opens it, check SQLite's
 * integrity and foreign keys, and check every logged operation against the
 * project: acknowledged ones fully present, unacknowledged ones fully
 * present or fully absent, refused ones absent, and nothing in the project
 * that no operation announced.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ProjectDb } from '../../shared/db/projectDb.js';
import { QuarryError } from '../../shared/errors.js';
import { readLog, type OpExpectation, type OpState } from './crashLog.js';

export interface VerifyResult {
  opened: boolean;
  integrity: string;
  foreignKeyProblems: number;
  intended: number;
  acknowledged: number;
  /** Acknowledged operations not fully present. */
  lost: string[];
  /** Operations partly present (never allowed). */
  halfPresent: string[];
  /** Unacknowledged operations that nevertheless completed (allowed: killed after commit, before the ack was logged). */
  completedUnacknowledged: number;
  /** Data no logged operation accounts for. */
  unknown: string[];
  /** Backups that do not open or fail their check. */
  badBackups: string[];
  error?: string;
}

type Presence = 'full' | 'none' | 'partial';

interface ProjectView {
  sourceNames: string[];
  /** Root code name → codings at it and its descendants (absent = no such root code). */
  codingsUnderRoot: Map<string, number>;
}

function readView(db: Database.Database): ProjectView {
  const sourceNames = db.prepare('SELECT name FROM sources').pluck().all() as string[];
  const rows = db
    .prepare(
      `WITH RECURSIVE tree(id, root) AS (
         SELECT id, name FROM codes WHERE parent_id IS NULL
         UNION ALL SELECT c.id, t.root FROM codes c JOIN tree t ON c.parent_id = t.id)
       SELECT t.root AS root, count(k.id) AS n FROM tree t LEFT JOIN codings k ON k.code_id = t.id GROUP BY t.root`,
    )
    .all() as { root: string; n: number }[];
  return { sourceNames, codingsUnderRoot: new Map(rows.map((r) => [r.root, r.n])) };
}

function presence(view: ProjectView, e: OpExpectation): Presence | null {
  const parts: Presence[] = [];
  if (e.sourcePrefix !== undefined) {
    const n = view.sourceNames.filter((s) => s.startsWith(e.sourcePrefix!)).length;
    parts.push(n === 0 ? 'none' : n === e.sources ? 'full' : 'partial');
  }
  if (e.codePrefix !== undefined) {
    const n = view.codingsUnderRoot.get(e.codePrefix);
    parts.push(n === undefined ? 'none' : n === e.codings ? 'full' : 'partial');
  }
  if (parts.length === 0) return null;
  if (parts.every((p) => p === 'full')) return 'full';
  if (parts.every((p) => p === 'none')) return 'none';
  return 'partial';
}

const TAG = /^(r\d+o\d+#)/;

function unknownData(view: ProjectView, ops: Map<string, OpState>, seedSources: Set<string>): string[] {
  const out: string[] = [];
  for (const name of view.sourceNames) {
    if (seedSources.has(name)) continue;
    const tag = TAG.exec(name)?.[1];
    if (!tag || !ops.has(tag)) out.push(`source “${name}”`);
  }
  for (const root of view.codingsUnderRoot.keys()) {
    const tag = /^(?:C|AC|MC) (r\d+o\d+#)$/.exec(root)?.[1];
    if (!tag || !ops.has(tag)) out.push(`code “${root}”`);
  }
  return out;
}

function checkBackups(folder: string): string[] {
  if (!existsSync(folder)) return [];
  const bad: string[] = [];
  for (const name of readdirSync(folder)) {
    if (name.startsWith('.') || !name.endsWith('.quarry')) continue; // partial files are hidden and never carry a backup's name
    try {
      const db = new Database(join(folder, name), { readonly: true, fileMustExist: true });
      try {
        if (db.pragma('integrity_check', { simple: true }) !== 'ok') bad.push(name);
      } finally {
        db.close();
      }
    } catch {
      bad.push(name);
    }
  }
  return bad;
}

/**
 * Opens the project as a user would after the crash. A process killed between creating its lock
 * file and writing it leaves an empty lock, which Quarry treats as "being opened" until it is
 * UNFINISHED_LOCK_GRACE_MS old (then stale): the user is told to try again in a moment, and so
 * does this — until the open succeeds or fails for another reason, never longer than the grace.
 */
function openAfterKill(projectPath: string): ProjectDb {
  const deadline = Date.now() + 15_000;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    try {
      return ProjectDb.open(projectPath).project;
    } catch (err) {
      const transient = err instanceof QuarryError && err.code === 'locked' && /is being opened/.test(err.message);
      if (!transient || Date.now() > deadline) throw err;
      Atomics.wait(pause, 0, 0, 250);
    }
  }
}

export function verifyProject(projectPath: string, logPath: string, opts: { seedSources?: string[]; backupFolder?: string } = {}): VerifyResult {
  const ops = readLog(logPath);
  const result: VerifyResult = {
    opened: false,
    integrity: '',
    foreignKeyProblems: 0,
    intended: ops.size,
    acknowledged: [...ops.values()].filter((o) => o.acked).length,
    lost: [],
    halfPresent: [],
    completedUnacknowledged: 0,
    unknown: [],
    badBackups: opts.backupFolder ? checkBackups(opts.backupFolder) : [],
  };
  let project: ProjectDb | undefined;
  try {
    project = openAfterKill(projectPath);
    result.opened = true;
    result.integrity = project.db.pragma('integrity_check', { simple: true }) as string;
    result.foreignKeyProblems = (project.db.pragma('foreign_key_check') as unknown[]).length;
    const view = readView(project.db);
    for (const [id, op] of ops) {
      const p = presence(view, op.intent.expect);
      if (p === null) continue;
      if (p === 'partial') result.halfPresent.push(`${id} (${op.intent.kind})`);
      else if (op.acked && p !== 'full') result.lost.push(`${id} (${op.intent.kind})`);
      else if (op.refused && p !== 'none') result.halfPresent.push(`${id} (${op.intent.kind}, refused yet present)`);
      else if (!op.acked && !op.refused && p === 'full') result.completedUnacknowledged++;
    }
    result.unknown = unknownData(view, ops, new Set(opts.seedSources ?? []));
  } catch (err) {
    result.error = err instanceof Error ? err.message : String(err);
  } finally {
    project?.close();
  }
  return result;
}

export function isClean(r: VerifyResult): boolean {
  return r.opened && r.integrity === 'ok' && r.foreignKeyProblems === 0 && r.lost.length === 0 && r.halfPresent.length === 0 && r.unknown.length === 0 && r.badBackups.length === 0;
}
