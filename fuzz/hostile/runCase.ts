/**
 * Runs one hostile file through the API exactly as the app would (the
 * import, classification-sheet and REFI-QDA methods) against an open
 * project, and judges the outcome: a successful parse, or a clear refusal
 * (QuarryError 'invalid_input'/'too_large' whose message names the file)
 * that left the project unchanged. Anything else is a failure: an internal
 * error (a crash), a refusal with an unclear message, a changed project.
 */
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Dispatch } from '../../shared/api/dispatcher.js';
import type { Session } from '../../shared/api/session.js';
import type { ImportResultItem } from '../../shared/domain/types.js';
import type { FuzzCase } from './cases.js';
import { projectFingerprint } from './fingerprint.js';

export type Outcome = 'parsed' | 'refused' | 'crash' | 'hang' | 'unclear' | 'changed';

export interface CaseResult {
  index: number;
  label: string;
  target: FuzzCase['target'];
  outcome: Outcome;
  /** The message the user would see (refusals and failures). */
  message?: string;
  code?: string;
  ms: number;
}

export interface CaseEnv {
  session: Session;
  dispatch: Dispatch;
  projectPath: string;
  /** Where REFI imports put their new project (emptied after each case). */
  scratchDir: string;
}

const ACCEPTED_CODES = new Set(['invalid_input', 'too_large']);

function judgeRefusal(c: FuzzCase, code: string, message: string): Outcome {
  if (!ACCEPTED_CODES.has(code)) return code === 'internal' ? 'crash' : 'unclear';
  const base = c.fileName.split('/').pop()!;
  return message.includes(base) ? 'refused' : 'unclear';
}

function fingerprint(env: CaseEnv): string {
  const p = env.session.project;
  if (!p || p.path !== env.projectPath) throw new Error('the fuzzed project is no longer open');
  return projectFingerprint(p.db);
}

async function ensureOpen(env: CaseEnv): Promise<void> {
  if (env.session.project?.path === env.projectPath) return;
  const r = await env.dispatch('project.open', { path: env.projectPath });
  if (!r.ok) throw new Error(`could not reopen the fuzzed project: ${r.error.message}`);
}

async function runImport(env: CaseEnv, c: FuzzCase, b64: string): Promise<Omit<CaseResult, 'index' | 'label' | 'target' | 'ms'>> {
  const before = fingerprint(env);
  const r = await env.dispatch('sources.import', { files: [{ fileName: c.fileName, dataBase64: b64 }] });
  if (!r.ok) return { outcome: r.error.code === 'internal' ? 'crash' : 'unclear', code: r.error.code, message: r.error.message };
  const [item] = r.value as ImportResultItem[];
  if (item?.status === 'skipped') {
    const reason = item.reason ?? '';
    const outcome = reason.includes(c.fileName) ? 'refused' : 'unclear';
    return { outcome: fingerprint(env) === before ? outcome : 'changed', code: 'invalid_input', message: reason };
  }
  // Parsed: undoing the import must give back exactly the project it met.
  const undo = await env.dispatch('history.undo', {});
  if (!undo.ok || fingerprint(env) !== before) return { outcome: 'changed', message: 'undoing the import did not restore the project' };
  return { outcome: 'parsed' };
}

async function runCsv(env: CaseEnv, c: FuzzCase, b64: string): Promise<Omit<CaseResult, 'index' | 'label' | 'target' | 'ms'>> {
  const before = fingerprint(env);
  const preview = await env.dispatch('classification.preview', { fileName: c.fileName, dataBase64: b64 });
  const r = await env.dispatch('classification.import', { fileName: c.fileName, dataBase64: b64, allowNewChoices: true });
  if (!r.ok) {
    if (fingerprint(env) !== before) return { outcome: 'changed', message: r.error.message };
    const outcome = judgeRefusal(c, r.error.code, r.error.message);
    if (outcome === 'refused' && preview.ok) return { outcome: 'parsed' }; // readable, refused by a later check
    return { outcome, code: r.error.code, message: r.error.message };
  }
  const undo = await env.dispatch('history.undo', {});
  if (!undo.ok || fingerprint(env) !== before) return { outcome: 'changed', message: 'undoing the classification import did not restore the project' };
  return { outcome: 'parsed' };
}

async function runRefi(env: CaseEnv, c: FuzzCase, b64: string): Promise<Omit<CaseResult, 'index' | 'label' | 'target' | 'ms'>> {
  const before = fingerprint(env);
  const target = join(env.scratchDir, 'imported.quarry');
  await env.dispatch('refi.previewImport', { fileName: c.fileName, dataBase64: b64 });
  const r = await env.dispatch('refi.importProject', { fileName: c.fileName, dataBase64: b64, path: target, acceptLosses: true });
  // A refused import must leave nothing behind (no half-built project, no temporary file).
  const leftovers = !r.ok && existsSync(env.scratchDir) ? readdirSync(env.scratchDir) : [];
  // A successful one opened the new project; the fuzzed project is opened again.
  await ensureOpen(env);
  for (const f of existsSync(env.scratchDir) ? readdirSync(env.scratchDir) : []) rmSync(join(env.scratchDir, f), { recursive: true, force: true });
  if (fingerprint(env) !== before) return { outcome: 'changed', message: 'the open project changed' };
  if (r.ok) return { outcome: 'parsed' };
  if (leftovers.length > 0) return { outcome: 'changed', message: `a refused import left behind: ${leftovers.join(', ')}` };
  return { outcome: judgeRefusal(c, r.error.code, r.error.message), code: r.error.code, message: r.error.message };
}

export async function runCase(env: CaseEnv, c: FuzzCase): Promise<CaseResult> {
  const t0 = performance.now();
  const b64 = Buffer.from(c.bytes.buffer, c.bytes.byteOffset, c.bytes.byteLength).toString('base64');
  const run = c.target === 'import' ? runImport : c.target === 'csv' ? runCsv : runRefi;
  let r: Omit<CaseResult, 'index' | 'label' | 'target' | 'ms'>;
  try {
    r = await run(env, c, b64);
  } catch (err) {
    r = { outcome: 'crash', message: err instanceof Error ? err.message : String(err) };
  }
  return { index: c.index, label: c.label, target: c.target, ms: Math.round(performance.now() - t0), ...r };
}
