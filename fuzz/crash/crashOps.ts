/**
 * The operations the crash child performs, each through the API exactly as
 * the app calls it, each with what must then be in the project: an import
 * batch (all its sources or none), an auto-coding run (all its codings or
 * none), an ordinary coding, a merge of a co-author's file (its source and
 * codings, or nothing), closing and reopening, and a backup.
 */
import { join } from 'node:path';
import type { Dispatch } from '../../shared/api/dispatcher.js';
import { ProjectDb } from '../../shared/db/projectDb.js';
import { insertCoding } from '../../shared/store/codingsStore.js';
import { ensureCodePath } from '../../shared/services/codeService.js';
import { ensureCoder } from '../../shared/services/coderService.js';
import { mutate } from '../../shared/services/context.js';
import { storeDocument } from '../../shared/services/sourceService.js';
import type { Rng } from '../../shared/seededRandom.js';
import type { DurableLog, OpExpectation, OpKind } from './crashLog.js';

export interface ChildContext {
  dispatch: Dispatch;
  rng: Rng;
  log: DurableLog;
  projectPath: string;
  workDir: string;
}

const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');

/** A short interview with speaker turns (so auto-coding by speaker finds passages). */
export function crashTranscript(tag: string, turns: number): string {
  const lines: string[] = [];
  for (let t = 0; t < turns; t++) lines.push(`${t % 2 === 0 ? 'Interviewer' : 'Respondent'}: ${tag} turn ${t}, about trust and cluster meetings.`);
  return lines.join('\n');
}

async function call<T>(ctx: ChildContext, method: string, args: unknown): Promise<{ ok: true; value: T } | { ok: false; message: string }> {
  const r = await ctx.dispatch(method, args);
  return r.ok ? { ok: true, value: r.value as T } : { ok: false, message: `${r.error.code}: ${r.error.message}` };
}

/** Logs the intent, runs the call, logs the acknowledgement (or the refusal) — each flushed before going on. */
async function perform(ctx: ChildContext, id: string, kind: OpKind, expect: OpExpectation, method: string, args: unknown): Promise<void> {
  ctx.log.write({ t: 'intent', id, kind, expect });
  const r = await call(ctx, method, args);
  ctx.log.write(r.ok ? { t: 'ack', id } : { t: 'refused', id, detail: r.message });
}

type Source = { id: number; name: string; characters: number };

async function someSources(ctx: ChildContext, max: number): Promise<Source[]> {
  const r = await call<Source[]>(ctx, 'sources.list', {});
  if (!r.ok || r.value.length === 0) return [];
  const out: Source[] = [];
  for (let i = 0; i < max; i++) out.push(ctx.rng.pick(r.value));
  return [...new Map(out.map((s) => [s.id, s])).values()];
}

async function importBatch(ctx: ChildContext, id: string): Promise<void> {
  const n = ctx.rng.int(1, 4);
  const files = Array.from({ length: n }, (_, j) => ({ fileName: `${id} f${j}.txt`, dataBase64: b64(crashTranscript(`${id}${j}`, ctx.rng.int(2, 12))) }));
  await perform(ctx, id, 'import', { sourcePrefix: `${id} f`, sources: n }, 'sources.import', { files });
}

async function codeOne(ctx: ChildContext, id: string): Promise<boolean> {
  const [src] = await someSources(ctx, 1);
  if (!src || src.characters < 2) return false;
  const start = ctx.rng.int(0, src.characters - 2);
  const end = ctx.rng.int(start + 1, Math.min(src.characters, start + 80));
  await perform(ctx, id, 'code', { codePrefix: `C ${id}`, codings: 1 }, 'codings.apply', { sourceId: src.id, start, end, codePath: `C ${id}` });
  return true;
}

async function autoCode(ctx: ChildContext, id: string): Promise<boolean> {
  const sources = await someSources(ctx, ctx.rng.int(1, 4));
  if (sources.length === 0) return false;
  const req = { mode: 'speaker', sourceIds: sources.map((s) => s.id), parentPath: `AC ${id}` };
  const preview = await call<{ passages: number; refusal?: string }>(ctx, 'autoCode.preview', req);
  if (!preview.ok || preview.value.refusal || preview.value.passages === 0) return false;
  await perform(ctx, id, 'autocode', { codePrefix: `AC ${id}`, codings: preview.value.passages }, 'autoCode.apply', req);
  return true;
}

/** A co-author's file with one new source and a code applied twice. */
function coauthorFile(ctx: ChildContext, id: string): string {
  const path = join(ctx.workDir, `coauthor-${id.replace(/[^A-Za-z0-9]/g, '_')}-${process.pid}.quarry`);
  const project = ProjectDb.create(path, { name: `Co-author ${id}` });
  try {
    const c = { project, coderName: 'Co-author' };
    mutate(c, 'Prepare', (db) => {
      const text = crashTranscript(`${id} merged`, 4);
      const doc = storeDocument(db, c.coderName, { name: `${id} merged`, text, originName: 'm.txt', originType: 'txt', encoding: 'utf-8', warnings: [] });
      const coder = ensureCoder(db, c.coderName);
      const code = ensureCodePath(db, coder.id, `MC ${id}`).id;
      insertCoding(db, { sourceId: doc.id, codeId: code, start: 0, end: 10, coderId: coder.id });
      insertCoding(db, { sourceId: doc.id, codeId: code, start: 12, end: 30, coderId: coder.id });
    });
  } finally {
    project.close();
  }
  return path;
}

async function merge(ctx: ChildContext, id: string): Promise<void> {
  const other = coauthorFile(ctx, id);
  await perform(ctx, id, 'merge', { sourcePrefix: `${id} merged`, sources: 1, codePrefix: `MC ${id}`, codings: 2 }, 'merge.apply', { path: other });
}

async function reopen(ctx: ChildContext, id: string): Promise<void> {
  ctx.log.write({ t: 'intent', id, kind: 'reopen', expect: {} });
  await call(ctx, 'project.close', {});
  const r = await call(ctx, 'project.open', { path: ctx.projectPath });
  if (!r.ok) throw new Error(`reopen failed: ${r.message}`);
  ctx.log.write({ t: 'ack', id });
}

/** One random operation, tagged `id` (which ends in '#', so no tag is a prefix of another). */
export async function randomOperation(ctx: ChildContext, id: string): Promise<void> {
  const roll = ctx.rng.next();
  if (roll < 0.3) return importBatch(ctx, id);
  if (roll < 0.55) {
    if (await codeOne(ctx, id)) return;
    return importBatch(ctx, id);
  }
  if (roll < 0.78) {
    if (await autoCode(ctx, id)) return;
    return importBatch(ctx, id);
  }
  if (roll < 0.9) return merge(ctx, id);
  if (roll < 0.95) return reopen(ctx, id);
  return perform(ctx, id, 'backup', {}, 'backups.create', {});
}
