/**
 * Issue 16 leftover: a co-author merge carries, for codes new to me, the
 * folder flag (codes.is_codable = 0) and a colour nobody chose (a NULL
 * colour, schema 10). My codes keep their own flags; where theirs
 * differ the merge lists the difference (summary.codes.flagsKept) and changes
 * nothing silently — the one change it must make, a folder of mine that
 * their new codings land on becoming codable, is said in that list.
 */
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ServiceContext } from '../../shared/services/context.js';
import type { MergeResult } from '../../shared/domain/mergeTypes.js';
import { applyMerge, previewMerge } from '../../shared/services/mergeService.js';
import { tempDir } from './caseFixtures.js';
import { quarryOk } from './quarryCli.js';
import { onClosedFile, withProjectAs } from './mergeTestKit.js';

const ok = quarryOk;

const withProject = <T>(path: string, fn: (ctx: ServiceContext) => Promise<T>): Promise<T> => withProjectAs(path, 'Ilse Varga', fn);

/** Raw SQL on a closed project file: what an import of another program's file (or the co-author's Quarry) leaves in it. */
const sql = (path: string, ...statements: string[]): unknown[] =>
  onClosedFile(path, (db) => statements.map((s) => (s.trimStart().startsWith('SELECT') ? db.prepare(s).raw().all() : db.exec(s))));

const newCode = (guidTail: string, name: string, parent: string | null, color: string | null, codable: 0 | 1): string =>
  `INSERT INTO codes(guid, parent_id, name, color, description, sort_order, created_at, created_by, is_codable)
   VALUES ('7a2b3c4d-0000-4000-8000-${guidTail}', ${parent === null ? 'NULL' : `(SELECT id FROM codes WHERE name = '${parent}')`},
           '${name}', ${color === null ? 'NULL' : `'${color}'`}, '', 90, '2026-11-30T10:00:00Z', NULL, ${codable})`;

const flags = (path: string, name: string): unknown[] => (sql(path, `SELECT is_codable, color FROM codes WHERE name = '${name}'`)[0] as unknown[][])[0]!;

/** Mine and Pell's copy of it, each then changed on its own. */
async function twoCopies(): Promise<{ dir: string; mine: string; theirs: string }> {
  const dir = tempDir('quarry-merge-flags-');
  const note = (name: string, text: string) => writeFileSync(join(dir, `${name}.txt`), text);
  note('ferry', 'The ferry leaves at dawn unless the fog sits on the estuary.');
  note('nets', 'Nets are mended on the quay while the tide is out.');
  await ok(dir, 'new', 'mine.quarry');
  await ok(dir, 'import', 'mine.quarry', 'ferry.txt', 'nets.txt');
  await ok(dir, 'code', 'mine.quarry', 'ferry', '0', '9', 'Travel/Crossings');
  copyFileSync(join(dir, 'mine.quarry'), join(dir, 'pell.quarry'));
  const mine = join(dir, 'mine.quarry');
  const theirs = join(dir, 'pell.quarry');

  // Pell: a new folder code with a child whose colour nobody chose, both as an import of another program's file leaves them;
  // her "Travel" made a folder and her "Crossings" colour taken away; "Work" codable with her coding on it.
  sql(
    theirs,
    newCode('000000000001', 'Archive', null, '#8899aa', 0),
    newCode('000000000002', 'Old letters', 'Archive', null, 1),
    `UPDATE codes SET is_codable = 0 WHERE name = 'Travel'`,
    `UPDATE codes SET color = NULL WHERE name = 'Crossings'`,
  );
  await ok(dir, 'code', 'pell.quarry', 'nets', '0', '4', 'Work');
  // Mine: "Work" is a folder here (no codings on it).
  sql(mine, newCode('0000000000f1', 'Work', null, '#334455', 0));
  return { dir, mine, theirs };
}

describe('merging code flags', () => {
  it('carries the folder flag and the missing colour of new codes, keeps mine, and lists every difference', async () => {
    const { dir, mine, theirs } = await twoCopies();
    const preview = await withProject(mine, (ctx) => previewMerge(ctx, theirs));
    const expected = [
      'Travel: codable here, a folder in their file',
      'Work: a folder here, codable in their file (it becomes codable: 1 of their codings are on it)',
    ];
    expect(preview.codes.added).toEqual(['Archive', 'Archive/Old letters']);
    expect(preview.codes.flagsKept).toEqual(expected);

    const result: MergeResult = await withProject(mine, (ctx) => applyMerge(ctx, theirs));
    expect(result.codes.flagsKept).toEqual(expected);
    expect(flags(mine, 'Archive')).toEqual([0, '#8899aa']);
    expect(flags(mine, 'Old letters')).toEqual([1, null]);
    // Mine win: my codable "Travel" stays, and "Crossings" keeps my colour where hers has none.
    expect(flags(mine, 'Travel')).toEqual([1, expect.any(String)]);
    expect(flags(mine, 'Crossings')).toEqual([1, expect.any(String)]);
    // My folder "Work" had to become codable to hold her coding, as the list said.
    expect(flags(mine, 'Work')).toEqual([1, '#334455']);
    expect(sql(mine, `SELECT count(*) FROM codings JOIN codes ON codes.id = codings.code_id WHERE codes.name = 'Work'`)[0]).toEqual([[1]]);

    // Merging again adds nothing and changes no flag; the differences left are still listed.
    const again = await withProject(mine, (ctx) => applyMerge(ctx, theirs));
    expect(again.nothingToDo).toBe(true);
    expect(again.codes.flagsKept).toEqual(expected.slice(0, 1));
    expect(flags(mine, 'Archive')).toEqual([0, '#8899aa']);
    expect(flags(mine, 'Old letters')).toEqual([1, null]);

    // A copy whose flags all agree lists nothing: the field is absent, and the JSON is as it was before flags were compared.
    const same = join(dir, 'same.quarry');
    copyFileSync(mine, same);
    const quiet = await withProject(mine, (ctx) => previewMerge(ctx, same));
    expect('flagsKept' in quiet.codes).toBe(false);
  });
});
