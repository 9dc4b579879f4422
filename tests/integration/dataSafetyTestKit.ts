/**
 * Shared set-up for the data-safety integration tests: a session and its
 * dispatcher on a temp folder (backup timer off, clock injectable), typed
 * call helpers, and an exact dump of a project file to compare states.
 */
import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDispatcher, type Dispatch } from '../../shared/api/dispatcher.js';
import { Session } from '../../shared/api/session.js';
import type { ErrorPayload } from '../../shared/errors.js';
import { dumpTables } from '../unit/db/testProject.js';

export interface Kit {
  dir: string;
  session: Session;
  dispatch: Dispatch;
  call<T = unknown>(method: string, args?: unknown): Promise<T>;
  fail(method: string, args?: unknown): Promise<ErrorPayload>;
}

export function kit(opts: { clock?: () => number; jobSliceMs?: number; platform?: 'web' | 'electron' } = {}): Kit {
  const dir = mkdtempSync(join(tmpdir(), 'quarry-safety-'));
  const session = new Session({ dataDir: join(dir, 'data'), platform: opts.platform ?? 'web', backupCheckMs: 0, ...(opts.clock ? { clock: opts.clock } : {}), ...(opts.jobSliceMs !== undefined ? { jobSliceMs: opts.jobSliceMs } : {}) });
  const dispatch = createDispatcher(session, (e) => {
    throw e;
  });
  return {
    dir,
    session,
    dispatch,
    async call<T>(method: string, args: unknown = {}): Promise<T> {
      const r = await dispatch(method, args);
      if (!r.ok) throw new Error(`${method}: ${r.error.code}: ${r.error.message}`);
      return r.value as T;
    },
    async fail(method: string, args: unknown = {}): Promise<ErrorPayload> {
      const r = await dispatch(method, args);
      if (r.ok) throw new Error(`${method} should have failed`);
      return r.error;
    },
  };
}

export const b64 = (s: string | Uint8Array): string => Buffer.from(typeof s === 'string' ? new TextEncoder().encode(s) : s).toString('base64');

/** Every row of every table of a project file, read through a separate read-only connection. */
export function dumpFile(path: string): Record<string, unknown[]> {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return dumpTables(db);
  } finally {
    db.close();
  }
}

/** A transcript with speaker turns, so auto-coding by speaker finds passages. */
export function transcript(i: number, turns = 6): string {
  const lines: string[] = [];
  for (let t = 0; t < turns; t++) lines.push(`${t % 2 === 0 ? 'Interviewer' : `Respondent ${i}`}: turn ${t} of interview ${i} about trust and meetings.`);
  return lines.join('\n');
}
