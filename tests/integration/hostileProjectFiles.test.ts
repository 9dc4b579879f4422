/**
 * Issue 13, "a co-author's project file cannot hurt you": every file of the
 * hostile corpus (fuzz/hostileProjects) is opened, opened read-only, edited
 * through the CLI, merged into the user's project (preview and apply) and
 * cleaned. Each ends in a clear refusal or a cleaned copy; none of the foreign
 * SQL ever runs: the user's other project on disk stays byte-identical, no
 * file appears in the canary folder, each hostile file stays byte-identical
 * with its `pwned` table empty, and nothing is left beside it.
 */
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../cli/main.js';
import { backupFileName, backupFolderFor } from '../../shared/backup/backupLocation.js';
import type { BackupList } from '../../shared/backup/backupTypes.js';
import { ProjectDb } from '../../shared/db/projectDb.js';
import type { CleanedCopyReport } from '../../shared/db/cleanedCopy/cleanedCopyTypes.js';
import { inspectSchema } from '../../shared/db/schema/schemaCheck.js';
import type { ProjectInfo } from '../../shared/domain/types.js';
import type { ErrorPayload } from '../../shared/errors.js';
import { writeHostileCorpus, type HostileCase } from '../../fuzz/hostileProjects/hostileProjectCorpus.js';
import { kit, dumpFile, type Kit } from './dataSafetyTestKit.js';
import { newProject, seed, tempDir } from '../unit/db/testProject.js';

const sha = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

let work: string;
let victim: string;
let victimHash: string;
let victimRows: Record<string, unknown[]>;
let canary: string;
let mineTemplate: string;
let corpus: { kase: HostileCase; path: string; hash: string }[];
const kits: Kit[] = [];

function seededProject(path: string): void {
  const { project, ctx } = newProject(basename(path));
  seed(ctx);
  const made = project.path;
  project.close();
  copyFileSync(made, path);
}

beforeAll(() => {
  work = tempDir('quarry-hostile-');
  victim = join(work, 'other projects', 'Thesis study.quarry');
  canary = join(work, 'canary');
  mkdirSync(dirname(victim), { recursive: true });
  mkdirSync(canary);
  seededProject(victim);
  victimHash = sha(victim);
  victimRows = dumpFile(victim);
  const valid = join(work, 'valid.quarry');
  seededProject(valid);
  mineTemplate = join(work, 'mine.quarry');
  seededProject(mineTemplate);
  const folder = join(work, 'received');
  mkdirSync(folder);
  corpus = writeHostileCorpus(valid, folder, { victim, canary }).map((c) => ({ ...c, hash: sha(c.path) }));
});

afterAll(() => {
  for (const k of kits.splice(0)) k.session.close();
});

function session(): Kit {
  const k = kit();
  kits.push(k);
  return k;
}

/** A refusal Quarry gives for the case: its code, and a message that names the file and (for untrusted files) what was found. */
function expectRefusal(error: ErrorPayload, c: { kase: HostileCase; path: string }): void {
  expect(error.code).not.toBe('internal');
  expect(error.message.startsWith(basename(c.path))).toBe(true);
  expect(error.message).not.toMatch(/SQLITE_|sqlite_schema|\bat .*\.js/);
  if (c.kase.expected === 'untrusted') {
    expect(error.code).toBe('untrusted_file');
    expect(error.message).toMatch(c.kase.finding);
    expect(error.message).toMatch(/open a cleaned copy/);
    expect((error.details as { findings: unknown[] }).findings.length).toBeGreaterThan(0);
  }
  if (c.kase.expected === 'not_a_project') {
    expect(error.code).toBe('not_a_project');
    expect(error.message).toMatch(c.kase.finding);
  }
}

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t), cwd: work, env: {} });
  return { code, out, err };
}

/** Nothing the hostile files carry has reached outside them. */
function expectNothingEscaped(): void {
  expect(sha(victim)).toBe(victimHash);
  expect(dumpFile(victim)).toEqual(victimRows);
  expect(readdirSync(canary)).toEqual([]);
}

describe('hostile project files', () => {
  it('the corpus has every attack of the issue', () => {
    const names = corpus.map((c) => c.kase.name).join('\n');
    for (const attack of [/quotes, END; and ATTACH/, /RAISE\(IGNORE\)/, /time-bomb/, /recursive view/, /user_version 0/, /user_version negative/, /user_version 1 with/, /tables missing/, /corrupt page/]) {
      expect(names).toMatch(attack);
    }
  });

  it('each is refused clearly when opened, for writing and read-only, by the app and the CLI', async () => {
    const k = session();
    for (const c of corpus) {
      if (c.kase.expected === 'damaged') continue; // its schema is Quarry's own: opened in the next test
      const open = await k.dispatch('project.open', { path: c.path });
      expect(open.ok, c.kase.name).toBe(false);
      if (!open.ok) expectRefusal(open.error, c);
      const readOnly = await k.dispatch('project.open', { path: c.path, readOnly: true });
      expect(readOnly.ok, c.kase.name).toBe(false);
      if (!readOnly.ok) expectRefusal(readOnly.error, c);
      const edit = await cli('codes', 'add', c.path, 'Injected/Code');
      expect(edit.code, c.kase.name).toBe(1);
      expect(edit.err).toContain(basename(c.path));
      if (c.kase.expected === 'untrusted') expect(edit.err).toMatch(/quarry clean/);
      const read = await cli('info', c.path);
      expect(read.code, c.kase.name).toBe(1);
    }
    expectNothingEscaped();
  });

  it('the damaged file, once open, gives a clear message where the damage is, never an internal error', async () => {
    const k = session();
    const c = corpus.find((x) => x.kase.expected === 'damaged')!;
    const copy = join(tempDir(), 'damaged.quarry');
    copyFileSync(c.path, copy);
    const open = await k.dispatch('project.open', { path: copy });
    if (!open.ok) return expectRefusal(open.error, { ...c, path: copy });
    const sources = await k.call<{ id: number }[]>('sources.list');
    const edit = await k.dispatch('codings.apply', { sourceId: sources[0]!.id, start: 0, end: 3, codePath: 'After/Damage' });
    expect(edit.ok).toBe(false);
    if (!edit.ok) {
      expect(edit.error.code).toBe('invalid_input');
      expect(edit.error.message).toMatch(/^damaged\.quarry: part of the project file is damaged.*open a cleaned copy/);
    }
  });

  it('each is refused when merged (preview and apply), naming the file, and my project is unchanged', async () => {
    const k = session();
    const mine = join(tempDir(), 'Mine.quarry');
    copyFileSync(mineTemplate, mine);
    await k.call('project.open', { path: mine });
    const before = (() => {
      k.session.close();
      return dumpFile(mine);
    })();
    await k.call('project.open', { path: mine });
    for (const c of corpus) {
      for (const method of ['merge.preview', 'merge.apply']) {
        const r = await k.dispatch(method, { path: c.path });
        if (c.kase.expected === 'damaged' && r.ok) continue;
        expect(r.ok, `${method} ${c.kase.name}`).toBe(false);
        if (!r.ok) expectRefusal(r.error, c);
      }
    }
    await k.call('project.close');
    const after = dumpFile(mine);
    if (corpus.every((c) => c.kase.expected !== 'damaged')) expect(after).toEqual(before);
    // A merge of the damaged file may have brought in what could be read: everything that was there is still there.
    for (const [table, rows] of Object.entries(before)) {
      for (const row of rows) expect(after[table]).toContainEqual(row);
    }
    expectNothingEscaped();
    // Two merges per corpus file, each starting a reader process: on a loaded 2-core machine that alone can pass 30 s.
  }, 120_000);

  it('each untrusted or damaged file opens as a cleaned copy (API and CLI) that holds its data and only Quarry’s schema', async () => {
    const k = session();
    for (const c of corpus.filter((x) => x.kase.expected !== 'not_a_project')) {
      const r = await k.call<{ cleaned: CleanedCopyReport; project: ProjectInfo }>('project.openCleanedCopy', { path: c.path });
      expect(dirname(r.cleaned.path)).toBe(dirname(c.path));
      expect(basename(r.cleaned.path)).toMatch(/ \(cleaned( \d+)?\)\.quarry$/);
      expect(r.project.path).toBe(r.cleaned.path);
      expect(r.project.name).toMatch(/\(cleaned\)$/);
      if (c.kase.expected === 'untrusted') expect(r.cleaned.leftOut.length, c.kase.name).toBeGreaterThan(0);
      // usable: an edit and its undo
      const sources = await k.call<{ id: number }[]>('sources.list');
      if (sources.length > 0) {
        await k.call('codings.apply', { sourceId: sources[0]!.id, start: 0, end: 2, codePath: 'Cleaned/Works' });
        await k.call('history.undo');
      }
      await k.call('project.close');
      const db = new Database(r.cleaned.path, { readonly: true });
      expect(inspectSchema(db)).toEqual([]);
      db.close();
      // The sources that survived in the file are in the copy, with their text.
      if (!/sources|source_text/.test(c.kase.name) && c.kase.expected === 'untrusted') {
        expect(dumpFile(r.cleaned.path).sources!.length).toBe(2);
      }
    }
    const cliCase = corpus.find((x) => x.kase.expected === 'untrusted')!;
    const out = join(tempDir(), 'from cli.quarry');
    const run = await cli('clean', cliCase.path, '--out', out, '--json');
    expect(run.code, run.err).toBe(0);
    expect((JSON.parse(run.out) as CleanedCopyReport).path).toBe(out);
    const opened = ProjectDb.open(out).project;
    opened.close();
    expectNothingEscaped();
  });

  it('a cleaned copy merges into my project like any co-author file', async () => {
    const k = session();
    const mine = join(tempDir(), 'Mine.quarry');
    copyFileSync(mineTemplate, mine);
    const c = corpus.find((x) => /RAISE\(IGNORE\)/.test(x.kase.name))!;
    const out = join(tempDir(), 'clean.quarry');
    expect((await cli('clean', c.path, '--out', out)).code).toBe(0);
    await k.call('project.open', { path: mine });
    const merged = await k.call<{ otherFileUnchanged: boolean }>('merge.apply', { path: out });
    expect(merged.otherFileUnchanged).toBe(true);
    await k.call('project.close');
    expectNothingEscaped();
  });

  it('a hostile file among the backups is listed as unreadable (without hanging) and refused when restored, before it is copied', async () => {
    const k = session();
    const mine = join(tempDir(), 'Mine.quarry');
    copyFileSync(mineTemplate, mine);
    const folder = backupFolderFor(mine, null);
    mkdirSync(folder, { recursive: true });
    const planted = corpus.filter((c) => c.kase.expected === 'untrusted');
    planted.forEach((c, i) => copyFileSync(c.path, join(folder, backupFileName(mine, Date.UTC(2025, 0, 1, 0, 0, i)))));
    const list = await k.call<BackupList>('backups.list', { path: mine });
    expect(list.backups).toHaveLength(planted.length);
    for (const b of list.backups) {
      expect(b.counts).toBeNull();
      expect(b.problem).toMatch(/cannot be read/);
    }
    const before = readdirSync(dirname(mine)).sort();
    const restore = await k.dispatch('backups.restore', { backupPath: list.backups[0]!.path, projectPath: mine });
    expect(restore.ok).toBe(false);
    if (!restore.ok) expect(restore.error.code).toBe('untrusted_file');
    expect(readdirSync(dirname(mine)).sort()).toEqual(before);
    expectNothingEscaped();
  });

  it('no foreign SQL ever ran: every hostile file is byte-identical, its pwned table empty, nothing beside it', () => {
    for (const c of corpus) {
      expect(sha(c.path), c.kase.name).toBe(c.hash);
      for (const suffix of ['-wal', '-shm', '.lock', '-journal']) expect(existsSync(c.path + suffix), `${c.kase.name}${suffix}`).toBe(false);
      if (c.kase.expected === 'damaged') continue;
      const db = new Database(c.path, { readonly: true });
      db.unsafeMode(false);
      db.pragma('trusted_schema = OFF');
      const hasPwned = db.prepare(`SELECT 1 FROM sqlite_schema WHERE name = 'pwned' AND type = 'table'`).get();
      if (hasPwned) expect(db.prepare(`SELECT count(*) FROM pwned`).pluck().get(), c.kase.name).toBe(0);
      db.close();
    }
    expectNothingEscaped();
  });
});

describe('the undo log never pastes a name from the file into SQL', () => {
  it('a column whose name breaks out of quotes (added after the check) changes nothing outside the project', () => {
    const { project, ctx } = newProject();
    try {
      // Before the first change, when the undo triggers are made.
      const hostile = `x" TEXT); END; ATTACH DATABASE '${victim.replace(/'/g, "''")}' AS victim; DELETE FROM victim.codings; VACUUM INTO '${join(canary, 'undo.quarry').replace(/'/g, "''")}'; --`;
      project.db.exec(`ALTER TABLE codes ADD COLUMN "${hostile.replace(/"/g, '""')}" TEXT`);
      seed(ctx);
      project.history.step('Rename', () => project.db.prepare(`UPDATE codes SET name = name || '!'`).run());
      project.history.undo();
      project.history.redo();
      expect(project.db.prepare(`PRAGMA database_list`).all()).toHaveLength(2); // main and temp: nothing attached
    } finally {
      project.close();
    }
    expectNothingEscaped();
  });
});
