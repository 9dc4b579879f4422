/**
 * Issue 19: merging a copy that adds nothing must not cost a whole plan. The
 * reader settles in SQL the codings of theirs that mine already has (they
 * are counted, never read); everything else is planned as before. Here both
 * paths run on the same files — settled, and every coding read and planned
 * (settle: false, the way a merge did before) — and their answers and the
 * projects they leave must be identical: a no-op merge, a real one, and a
 * file with rows the settling must leave to the full checks (a coding a memo
 * is about, a coding past its text, a GUID of mine on a different coding).
 */
import { copyFileSync, mkdtempSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { ProjectDb } from '../../../shared/db/projectDb.js';
import { openForeignProject } from '../../../shared/foreign/foreignReader.js';
import { applyMerge, previewMerge } from '../../../shared/services/mergeService.js';
import type { ForeignReadOptions } from '../../../shared/foreign/foreignReader.js';
import { buildCoauthorFiles, PRIMARY, SECOND } from './coauthorFiles.js';
import { addBadRows, addGoodRows } from './hostileProjectFiles.js';
import { fingerprint } from './projectFingerprint.js';

const base = mkdtempSync(join(tmpdir(), 'quarry-merge-settled-'));
let files: { full: string; ruth: string; daniel: string };
let n = 0;

beforeAll(async () => {
  files = await buildCoauthorFiles(base);
});

function copyOf(path: string): string {
  const to = join(base, `copy-${n++}.quarry`);
  copyFileSync(path, to);
  return to;
}

async function withProject<T>(path: string, fn: (ctx: { project: ProjectDb; coderName: string }) => Promise<T>): Promise<T> {
  const ctx = { project: ProjectDb.open(path).project, coderName: PRIMARY };
  try {
    return await fn(ctx);
  } finally {
    ctx.project.close();
  }
}

function raw<T>(path: string, fn: (db: Database.Database) => T): T {
  const db = new Database(path);
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

const codingCount = (path: string, coder?: string): number =>
  raw(path, (db) =>
    coder === undefined
      ? (db.prepare(`SELECT count(*) FROM codings`).pluck().get() as number)
      : (db.prepare(`SELECT count(*) FROM codings JOIN users u ON u.id = coder_id WHERE u.name = ?`).pluck().get(coder) as number),
  );

/** What the reader reports it settled without reading, planning `theirs` into `mine`. */
async function settledBy(mine: string, theirs: string): Promise<number> {
  const other = await openForeignProject(theirs, { rows: false });
  try {
    return (await other.plan(mine, {}, false)).settledCodings;
  } finally {
    other.close();
  }
}

/** Preview, then merge, on two copies of mine: settled and read in full. Both answers and both projects after. */
async function bothWays(mine: string, theirs: string) {
  const run = async (opts: ForeignReadOptions) => {
    const path = copyOf(mine);
    return withProject(path, async (ctx) => {
      const preview = await previewMerge(ctx, theirs, {}, opts);
      const result = await applyMerge(ctx, theirs, {}, opts);
      return { preview, result, after: fingerprint(ctx.project.db, { guids: true }) };
    });
  };
  return { settled: await run({}), full: await run({ settle: false }) };
}

describe('a merge settles the codings mine already has, with the same answer as planning them all', () => {
  it('merging the same copy again settles every coding of theirs, and answers exactly as the full plan does', async () => {
    const mine = copyOf(files.ruth);
    await withProject(mine, (ctx) => applyMerge(ctx, files.daniel));
    const theirCodings = codingCount(files.daniel);
    expect(theirCodings).toBeGreaterThan(0);
    // The reader's own report: none of Daniel's codings was read, checked or planned.
    expect(await settledBy(mine, files.daniel)).toBe(theirCodings);

    const { settled, full } = await bothWays(mine, files.daniel);
    expect(settled.preview.nothingToDo).toBe(true);
    expect(settled.preview.codings).toEqual({ added: 0, alreadyPresent: theirCodings, notImported: 0, addedByCoder: {} });
    expect(settled.preview).toEqual(full.preview);
    expect(JSON.stringify(settled.result)).toBe(JSON.stringify(full.result));
    expect(settled.after).toEqual(full.after);
  });

  it('a real merge settles the codings both copies share and plans only the new ones, to the same project', async () => {
    // Each copy has all of Ruth's codings; Daniel's also has his own. Hers are settled, but those a memo is about (the memo needs them planned).
    const mine = copyOf(files.ruth);
    const theirs = copyOf(files.full);
    const hersWithoutMemo = raw(theirs, (db) =>
      db.prepare(`SELECT count(*) FROM codings c JOIN users u ON u.id = c.coder_id WHERE u.name = ? AND c.id NOT IN (SELECT coding_id FROM memos WHERE coding_id IS NOT NULL)`).pluck().get(PRIMARY),
    );
    expect(hersWithoutMemo).toBeGreaterThan(0);
    expect(await settledBy(mine, theirs)).toBe(hersWithoutMemo);

    const { settled, full } = await bothWays(mine, theirs);
    expect(settled.result.codings.added).toBe(codingCount(files.full, SECOND));
    expect(JSON.stringify(settled.preview)).toBe(JSON.stringify(full.preview));
    // The merge gives new rows fresh GUIDs only where mine already uses theirs; compare what the user sees.
    expect(JSON.stringify(settled.result)).toBe(JSON.stringify(full.result));
    expect(settled.after).toEqual(full.after);
  });

  it('leaves to the full checks every coding it is unsure of, and still answers as the full plan does', async () => {
    const mine = copyOf(files.ruth);
    const theirs = copyOf(files.full);
    addGoodRows(theirs, SECOND);
    addBadRows(theirs, SECOND);
    raw(theirs, (db) => {
      // A memo about one of the shared codings: its coding is planned (the memo needs it), not settled.
      const shared = db.prepare(`SELECT c.id, c.source_id FROM codings c JOIN users u ON u.id = c.coder_id WHERE u.name = ? ORDER BY c.id LIMIT 1`).get(PRIMARY) as { id: number; source_id: number };
      db.prepare(
        `INSERT INTO memos(guid, target, source_id, coding_id, title, body, author_id, created_at, modified_at)
         VALUES (?, 'coding', ?, ?, 'Why this passage', 'It turns on the second sentence.', NULL, '2026-11-01T09:00:00Z', '2026-11-01T09:00:00Z')`,
      ).run(randomUUID(), shared.source_id, shared.id);
      // A shared coding whose date is not a date the checks accept: left out with a reason on both paths.
      db.prepare(`UPDATE codings SET created_at = ? WHERE id = (SELECT c.id FROM codings c JOIN users u ON u.id = c.coder_id WHERE u.name = ? ORDER BY c.id LIMIT 1 OFFSET 1)`).run(
        'x'.repeat(80),
        PRIMARY,
      );
    });
    // One of my codings carries the GUID of one of his new codings, on another passage.
    const hisGuid = raw(theirs, (db) => db.prepare(`SELECT c.guid FROM codings c JOIN users u ON u.id = c.coder_id WHERE u.name = ? ORDER BY c.id LIMIT 1`).pluck().get(SECOND) as string);
    raw(mine, (db) => db.prepare(`UPDATE codings SET guid = ? WHERE id = (SELECT min(id) FROM codings)`).run(hisGuid));

    const settledCount = await settledBy(mine, theirs);
    expect(settledCount).toBeGreaterThan(0);
    expect(settledCount).toBeLessThan(codingCount(files.ruth));

    const { settled, full } = await bothWays(mine, theirs);
    expect(settled.preview.skipped.some((s) => s.kind === 'coding' && /date/.test(s.reason))).toBe(true);
    expect(settled.preview.memos.added + settled.preview.memos.alreadyPresent).toBeGreaterThan(0);
    expect(JSON.stringify(settled.preview)).toBe(JSON.stringify(full.preview));
    expect(JSON.stringify(settled.result)).toBe(JSON.stringify(full.result));
    expect(settled.after).toEqual(full.after);
  });
});
