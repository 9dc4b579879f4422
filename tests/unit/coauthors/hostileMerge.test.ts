/**
 * Merging a co-author's file that was tampered with outside Quarry: every
 * bad row is named in the preview and left out, the good rows next to them
 * come in exactly as from a clean file, the case-set list, the REFI-QDA
 * export and the classification sheet still work afterwards, and no other
 * project on disk changes. A file whose read never ends is stopped at the
 * time budget, its reader process killed.
 */
import { copyFileSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ProjectDb } from '../../../shared/db/projectDb.js';
import { QuarryError } from '../../../shared/errors.js';
import { listCaseSetInfo } from '../../../shared/services/caseSetService.js';
import { caseSheet } from '../../../shared/services/caseSheetService.js';
import { exportClassification } from '../../../shared/services/classificationService.js';
import type { ServiceContext } from '../../../shared/services/context.js';
import { applyMerge, fileHash, previewMerge } from '../../../shared/services/mergeService.js';
import { exportQdpxBytes, previewRefiImport } from '../../../shared/services/refiService.js';
import { buildCoauthorFiles, PRIMARY, SECOND } from './coauthorFiles.js';
import { addBadRows, addGoodRows, BAD_ROWS, makeCodingsRecurse, type EndlessView } from './hostileProjectFiles.js';
import { STALLING_READER_SCRIPT, withStallingReader } from './stallingReader.js';
import { fingerprint } from './projectFingerprint.js';

const base = mkdtempSync(join(tmpdir(), 'quarry-hostile-merge-'));
let files: { full: string; ruth: string; daniel: string };
const clean = join(base, 'daniel-clean.quarry');
const hostile = join(base, 'daniel-hostile.quarry');

function open(path: string): ServiceContext {
  return { project: ProjectDb.open(path).project, coderName: PRIMARY };
}

function copyOf(path: string, name: string): string {
  const to = join(base, name);
  copyFileSync(path, to);
  return to;
}

/** Ruth's project open, and a copy of Daniel's whose read never ends. */
function endlessCase(name: string, kind: EndlessView = 'silent'): { endless: string; ctx: ServiceContext } {
  const endless = copyOf(files.daniel, `${name}.quarry`);
  makeCodingsRecurse(endless, kind);
  return { endless, ctx: open(copyOf(files.ruth, `ruth-${name}.quarry`)) };
}

/** Children of this process running the stalling reader (Linux: /proc). */
const stalledReaders = (): number[] => readerChildren(STALLING_READER_SCRIPT);

/** Children of this process running the reader's script (Linux: /proc). */
function readerChildren(script: string = process.env.QUARRY_FOREIGN_READER ?? 'foreignReaderChild'): number[] {
  return readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .filter((p) => {
      try {
        const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        return ppid === process.pid && readFileSync(`/proc/${p}/cmdline`, 'utf8').includes(script);
      } catch {
        return false;
      }
    })
    .map(Number);
}

beforeAll(async () => {
  files = await buildCoauthorFiles(base);
  copyFileSync(files.daniel, clean);
  addGoodRows(clean, SECOND);
  copyFileSync(clean, hostile);
  addBadRows(hostile, SECOND);
}, 120_000);

describe('merging a hostile co-author file', () => {
  it('names every bad row in the preview and changes nothing', async () => {
    const ctx = open(copyOf(files.ruth, 'ruth-preview.quarry'));
    try {
      const before = fingerprint(ctx.project.db, { guids: true });
      const p = await previewMerge(ctx, hostile);
      for (const bad of BAD_ROWS) {
        expect(p.skipped.some((s) => s.kind === bad.kind && bad.name.test(s.name) && bad.reason.test(s.reason)), `${bad.kind} ${bad.name}`).toBe(true);
      }
      // The codings on the left-out codes are named as well, not silently dropped.
      expect(p.skipped.filter((s) => s.kind === 'coding' && /code is missing or was left out/.test(s.reason))).toHaveLength(2);
      expect(p.codes.added).toEqual(['Shared theme']);
      expect(p.caseSets.added).toEqual(['Good set']);
      expect(p.cases.added).toEqual(['Z9 (new participant)']);
      expect(p.attributes.added).toEqual([]);
      expect(fingerprint(ctx.project.db, { guids: true })).toEqual(before);
      expect(ctx.project.history.state().undoDepth).toBe(0);
    } finally {
      ctx.project.close();
    }
  });

  it('merges exactly what a clean file brings, and the case sets, REFI export and classification sheet still work', async () => {
    const bystander = copyOf(files.full, 'someone-else.quarry');
    const bystanderHash = fileHash(bystander);
    const hostileHash = fileHash(hostile);
    const fromClean = open(copyOf(files.ruth, 'ruth-clean.quarry'));
    const fromHostile = open(copyOf(files.ruth, 'ruth-hostile.quarry'));
    try {
      const a = await applyMerge(fromClean, clean);
      const b = await applyMerge(fromHostile, hostile);
      expect(a.skipped).toEqual([]);
      expect(b.skipped.length).toBeGreaterThanOrEqual(BAD_ROWS.length);
      expect(b.otherFileUnchanged).toBe(true);
      expect(fingerprint(fromHostile.project.db, { guids: true })).toEqual(fingerprint(fromClean.project.db, { guids: true }));

      const db = fromHostile.project.db;
      const colours = db.prepare(`SELECT color FROM codes`).pluck().all() as string[];
      expect(colours.every((c) => /^#[0-9a-f]{6}$/.test(c))).toBe(true);
      const sets = listCaseSetInfo(db);
      expect(sets.map((s) => s.name)).toContain('Good set');
      expect(sets.find((s) => s.name === 'Good set')!.caseIds.length).toBeGreaterThan(0);
      // The exported package reads back in cleanly.
      const report = previewRefiImport('merged.qdpx', exportQdpxBytes(db));
      expect(report.codes).toBeGreaterThan(0);
      expect(report.skipped).toEqual([]);
      expect(exportClassification(db).csv).toMatch(/Z9 \(new participant\)/);
      expect(caseSheet(db).cases.some((c) => c.name === 'Z9 (new participant)')).toBe(true);
    } finally {
      fromClean.project.close();
      fromHostile.project.close();
    }
    expect(fileHash(bystander)).toBe(bystanderHash);
    expect(fileHash(hostile)).toBe(hostileHash);
  });

  it.each([
    ['recurses without a row', 'silent'],
    ['piles up rows', 'flood'],
  ] as const)('refuses a file whose read would never end (a view that %s) before reading it, and changes nothing', async (_what, kind) => {
    const { endless, ctx } = endlessCase(`endless-${kind}`, kind);
    try {
      const before = fingerprint(ctx.project.db, { guids: true });
      const t0 = performance.now();
      const err = await previewMerge(ctx, endless, {}, { budgetMs: 60_000 }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(QuarryError);
      // The schema check (only Quarry's own schema runs) stops it long before any time budget.
      expect((err as QuarryError).code).toBe('untrusted_file');
      expect((err as Error).message).toMatch(/view .*codings/);
      expect(performance.now() - t0).toBeLessThan(15_000);
      await expect.poll(readerChildren, { timeout: 10_000 }).toEqual([]);
      await expect(applyMerge(ctx, endless, {}, { budgetMs: 60_000 })).rejects.toMatchObject({ code: 'untrusted_file' });
      expect(fingerprint(ctx.project.db, { guids: true })).toEqual(before);
      expect(ctx.project.history.state().undoDepth).toBe(0);
    } finally {
      ctx.project.close();
    }
  });

  it('stops a reader that never answers at the time budget, kills it, and changes nothing', async () => {
    const ctx = open(copyOf(files.ruth, 'ruth-stalled.quarry'));
    try {
      await withStallingReader(async () => {
        const before = fingerprint(ctx.project.db, { guids: true });
        const t0 = performance.now();
        const err = await previewMerge(ctx, clean, {}, { budgetMs: 1500 }).catch((e: unknown) => e);
        const ms = performance.now() - t0;
        expect(err).toBeInstanceOf(QuarryError);
        expect((err as QuarryError).code).toBe('too_large');
        expect((err as Error).message).toMatch(/^Reading \S+\.quarry took too long \(more than 1\.5 seconds\), so Quarry stopped\./);
        // The budget plus starting the reader, never the read itself.
        expect(ms).toBeLessThan(15_000);
        await expect.poll(() => stalledReaders(), { timeout: 10_000 }).toEqual([]);
        await expect(applyMerge(ctx, clean, {}, { budgetMs: 1500 })).rejects.toThrow(/took too long/);
        expect(fingerprint(ctx.project.db, { guids: true })).toEqual(before);
        expect(ctx.project.history.state().undoDepth).toBe(0);
      });
    } finally {
      ctx.project.close();
    }
  });

  it('cancels a read under way at once', async () => {
    const ctx = open(copyOf(files.ruth, 'ruth-cancel.quarry'));
    try {
      await withStallingReader(async () => {
        const abort = new AbortController();
        const pending = previewMerge(ctx, clean, {}, { signal: abort.signal });
        await expect.poll(() => stalledReaders(), { timeout: 10_000 }).toHaveLength(1);
        const t0 = performance.now();
        abort.abort();
        await expect(pending).rejects.toMatchObject({ code: 'cancelled' });
        expect(performance.now() - t0).toBeLessThan(1000);
        await expect.poll(() => stalledReaders(), { timeout: 10_000 }).toEqual([]);
      });
    } finally {
      ctx.project.close();
    }
  });
});
