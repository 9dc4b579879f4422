/**
 * Long operations run as jobs: they report progress, keep the host
 * responsive, and can be cancelled at any moment — a cancelled import,
 * auto-coding, search-hit coding or export leaves the project (and the
 * disk) exactly as it was. While a job holds the project, other changes
 * are refused as 'busy'.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiResult } from '../../shared/api/result.js';
import type { JobProgress } from '../../shared/jobs/jobTypes.js';
import { b64, dumpFile, kit, transcript, type Kit } from './dataSafetyTestKit.js';

const kits: Kit[] = [];
afterEach(() => {
  for (const k of kits.splice(0)) k.session.close();
});

async function projectWithSources(n: number, platform: 'web' | 'electron' = 'web') {
  // export.save (writing to a path) is the desktop app's
  const k = kit({ jobSliceMs: 0, platform });
  kits.push(k);
  const path = join(k.dir, 'Big.quarry');
  await k.call('project.create', { path });
  const files = Array.from({ length: n }, (_, i) => ({ fileName: `Interview ${i + 1}.txt`, dataBase64: b64(transcript(i + 1, 20)) }));
  await k.call('sources.import', { files });
  await k.session.backups?.idle();
  return { k, path };
}

/** Starts a long call, waits until its progress satisfies `when`, cancels it; returns the call's result and what was seen. */
async function cancelWhen(k: Kit, method: string, args: Record<string, unknown>, when: (p: JobProgress) => boolean) {
  const jobId = `job-${Math.random().toString(36).slice(2)}`;
  const pending: Promise<ApiResult<unknown>> = k.dispatch(method, { ...args, jobId });
  let settled = false;
  void pending.finally(() => (settled = true));
  const seen: JobProgress[] = [];
  // Polls until the phase shows or the call is over: bounded by the call, not by a count of polls (a slow reader start on a
  // loaded machine outlasted 10,000 of them).
  while (!settled) {
    await new Promise<void>((r) => setImmediate(r));
    const p = await k.call<JobProgress | null>('jobs.get', { jobId });
    if (p) seen.push(p);
    if (p && p.outcome !== 'running') break;
    if (p && when(p)) {
      expect(await k.call('jobs.cancel', { jobId })).toEqual({ cancelled: true });
      break;
    }
  }
  const result = await pending;
  return { result, seen, final: await k.call<JobProgress | null>('jobs.get', { jobId }) };
}

function snapshot(k: Kit, path: string) {
  // read through a second connection: only what is committed counts
  return { tables: dumpFile(path), undo: k.session.project!.history.state().undoDepth };
}

describe('cancelling long operations leaves the project unchanged', () => {
  it('an import batch, cancelled while reading files and while saving', async () => {
    const { k, path } = await projectWithSources(2);
    const before = snapshot(k, path);
    const files = Array.from({ length: 30 }, (_, i) => ({ fileName: `New ${i}.txt`, dataBase64: b64(transcript(100 + i)) }));
    for (const phase of ['Reading files', 'Saving']) {
      const { result, seen, final } = await cancelWhen(k, 'sources.import', { files }, (p) => p.phase === phase && p.done >= 5);
      expect(result.ok).toBe(false);
      expect(!result.ok && result.error.code).toBe('cancelled');
      expect(!result.ok && result.error.message).toMatch(/Nothing was changed/);
      expect(seen.some((p) => p.phase === phase && p.total === 30)).toBe(true);
      expect(final?.outcome).toBe('cancelled');
      expect(snapshot(k, path)).toEqual(before);
    }
    // and the same batch, not cancelled, goes in as one undo step
    await k.call('sources.import', { files, jobId: 'whole' });
    expect((await k.call<JobProgress>('jobs.get', { jobId: 'whole' })).outcome).toBe('done');
    expect(dumpFile(path)['sources']).toHaveLength(32);
    await k.call('history.undo');
    expect(snapshot(k, path).tables).toEqual(before.tables);
  });

  it('auto-coding, cancelled half-way through its codings', async () => {
    const { k, path } = await projectWithSources(40);
    const before = snapshot(k, path);
    const { result, seen } = await cancelWhen(k, 'autoCode.apply', { mode: 'speaker' }, (p) => p.phase === 'Coding passages' && p.done > 0);
    expect(!result.ok && result.error.code).toBe('cancelled');
    expect(seen.some((p) => p.phase === 'Finding passages')).toBe(true);
    expect(snapshot(k, path)).toEqual(before);
    // not cancelled: it codes every passage
    const done = await k.call<{ coded: number }>('autoCode.apply', { mode: 'speaker', jobId: 'ac' });
    expect(done.coded).toBe(40 * 20);
  });

  it('coding all search hits, cancelled after some sources', async () => {
    const { k, path } = await projectWithSources(30);
    const before = snapshot(k, path);
    const { result } = await cancelWhen(k, 'search.codeHits', { expression: 'trust', codePath: 'Trust' }, (p) => p.done >= 10);
    expect(!result.ok && result.error.code).toBe('cancelled');
    expect(snapshot(k, path)).toEqual(before);
  });

  it('an export: cancelled, no file and no temporary file is left', async () => {
    const { k, path } = await projectWithSources(3, 'electron');
    await k.call('codes.create', { path: 'Trust' });
    const before = snapshot(k, path);
    const out = join(k.dir, 'exports');
    (await import('node:fs')).mkdirSync(out);
    const target = join(out, 'codebook.docx');
    const { result } = await cancelWhen(k, 'export.save', { request: { kind: 'codebook', format: 'docx' }, path: target }, (p) => p.done >= 1);
    expect(!result.ok && result.error.code).toBe('cancelled');
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(out)).toEqual([]);
    expect(snapshot(k, path)).toEqual(before);
    await k.call('export.save', { request: { kind: 'codebook', format: 'docx' }, path: target });
    expect(existsSync(target)).toBe(true);
  });

  it('a merge of a co-author’s file, cancelled while comparing and after writing, before it commits', async () => {
    const { k, path } = await projectWithSources(3);
    // the co-author's file: another project with sources, codes and codings of its own
    const other = kit();
    kits.push(other);
    const otherPath = join(other.dir, 'Coauthor.quarry');
    await other.call('project.create', { path: otherPath });
    await other.call('sources.import', { files: Array.from({ length: 10 }, (_, i) => ({ fileName: `Theirs ${i}.txt`, dataBase64: b64(transcript(500 + i)) })) });
    await other.call('autoCode.apply', { mode: 'speaker' });
    await other.call('project.close');
    const before = snapshot(k, path);
    for (const phase of ['Comparing', 'Merging']) {
      const { result, seen } = await cancelWhen(k, 'merge.apply', { path: otherPath }, (p) => p.phase === phase);
      expect(!result.ok && result.error.code).toBe('cancelled');
      expect(seen.some((p) => p.phase === phase)).toBe(true);
      expect(snapshot(k, path)).toEqual(before);
    }
    const merged = await k.call<{ sources: { added: string[] } }>('merge.apply', { path: otherPath, jobId: 'm' });
    expect(merged.sources.added).toHaveLength(10);
  });

  it('a cancel that arrives before its call cancels it at once', async () => {
    const { k, path } = await projectWithSources(2);
    const before = snapshot(k, path);
    expect(await k.call('jobs.cancel', { jobId: 'early' })).toEqual({ cancelled: false });
    const err = await k.fail('autoCode.apply', { mode: 'speaker', jobId: 'early' });
    expect(err.code).toBe('cancelled');
    expect(snapshot(k, path)).toEqual(before);
  });
});

describe('while a job holds the project', () => {
  it('reads go on, other changes and switching projects are refused as busy, and the job shows in jobs.list', async () => {
    const { k, path } = await projectWithSources(40);
    const jobId = 'long';
    const pending = k.dispatch('autoCode.apply', { mode: 'speaker', jobId });
    let checked = false;
    for (let i = 0; i < 10_000 && !checked; i++) {
      await new Promise<void>((r) => setImmediate(r));
      const p = await k.call<JobProgress | null>('jobs.get', { jobId });
      if (p?.phase !== 'Coding passages') continue;
      expect((await k.call<JobProgress[]>('jobs.list')).map((j) => j.id)).toEqual([jobId]);
      expect((await k.call<unknown[]>('sources.list')).length).toBe(40);
      const busy = await k.fail('codes.create', { path: 'Meanwhile' });
      expect(busy.code).toBe('busy');
      expect(busy.message).toMatch(/busy with “Auto-code by speaker”; wait for it to finish or cancel it/);
      expect((await k.fail('history.undo')).code).toBe('busy');
      expect((await k.fail('project.close')).code).toBe('busy');
      expect((await k.fail('project.open', { path })).code).toBe('busy');
      checked = true;
    }
    expect(checked).toBe(true);
    const r = await pending;
    expect(r.ok).toBe(true);
    await k.call('codes.create', { path: 'Afterwards' });
  });
});
