/**
 * Issue 16, item 2 follow-up: a co-author's source sets and code sets come
 * through a merge. A new set arrives with its members mapped to my sources
 * and codes (members that do not come across are dropped and counted); a set
 * on both sides (same GUID, or same kind and name in any case) gains their
 * extra members and keeps all of mine; merging again adds nothing; a
 * tampered set row is left out with a reason.
 */
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { ServiceContext } from '../../shared/services/context.js';
import type { MergeResult } from '../../shared/domain/mergeTypes.js';
import { applyMerge, previewMerge } from '../../shared/services/mergeService.js';
import { tempDir } from './caseFixtures.js';
import { quarryOk } from './quarryCli.js';
import { withProjectAs } from './mergeTestKit.js';

const ok = quarryOk;

type SetJson = { name: string; kind: string; members: string[] };
type MergeJson = Pick<MergeResult, 'itemSets' | 'skipped' | 'nothingToDo'>;

const withProject = <T>(path: string, fn: (ctx: ServiceContext) => Promise<T>): Promise<T> => withProjectAs(path, 'Oona Brandt', fn);

/** Raw SQL on a closed project file: what the co-author's Quarry (or a tampering tool) leaves in it. */
function sql(path: string, ...statements: string[]): unknown[] {
  const db = new Database(path);
  try {
    return statements.map((s) => (s.trimStart().startsWith('SELECT') ? db.prepare(s).pluck().get() : db.exec(s)));
  } finally {
    db.close();
  }
}

const sets = async (dir: string): Promise<SetJson[]> => JSON.parse(await ok(dir, 'sets', 'mine.quarry', '--json')) as SetJson[];

/** Mine and Tove's copy of it, each then changed on its own. */
async function twoCopies(): Promise<{ dir: string; mine: string; theirs: string }> {
  const dir = tempDir('quarry-merge-sets-');
  const note = (name: string, text: string) => writeFileSync(join(dir, `${name}.txt`), text);
  note('kiln', 'The potter fires the kiln on Thursdays when the wind drops.');
  note('glaze', 'Glaze recipes are copied by hand into a blue notebook.');
  note('clay', 'Clay arrives by cart from the quarry north of the lake.');
  await ok(dir, 'new', 'mine.quarry');
  await ok(dir, 'import', 'mine.quarry', 'kiln.txt', 'glaze.txt', 'clay.txt');
  await ok(dir, 'code', 'mine.quarry', 'kiln', '0', '10', 'Craft/Firing');
  await ok(dir, 'code', 'mine.quarry', 'glaze', '0', '12', 'Craft/Recipes');
  await ok(dir, 'code', 'mine.quarry', 'clay', '0', '15', 'Supply');
  await ok(dir, 'sets', 'add', 'mine.quarry', 'Workshop', '--sources', 'kiln,glaze');
  copyFileSync(join(dir, 'mine.quarry'), join(dir, 'tove.quarry'));

  // Tove: a new note and a new code; a new source set and code set; clay added to Workshop and kiln taken out of it;
  // her own "MATERIALS" code set, which I also made (as "Materials") with other members.
  note('wheel', 'A second wheel was bought at the spring market last year.');
  await ok(dir, 'import', 'tove.quarry', 'wheel.txt');
  await ok(dir, 'code', 'tove.quarry', 'wheel', '0', '8', 'Tools');
  await ok(dir, 'sets', 'add', 'tove.quarry', 'Equipment notes', '--sources', 'wheel,kiln', '--description', 'Where tools are talked about');
  await ok(dir, 'sets', 'add', 'tove.quarry', 'Making', '--codes', 'Craft/Firing,Tools');
  await ok(dir, 'sets', 'add', 'tove.quarry', 'MATERIALS', '--codes', 'Supply');
  const toveWorkshop = `(SELECT id FROM item_sets WHERE name = 'Workshop')`;
  sql(
    join(dir, 'tove.quarry'),
    `INSERT INTO source_set_members(set_id, source_id) VALUES (${toveWorkshop}, (SELECT id FROM sources WHERE name = 'clay'))`,
    `DELETE FROM source_set_members WHERE set_id = ${toveWorkshop} AND source_id = (SELECT id FROM sources WHERE name = 'kiln')`,
  );
  await ok(dir, 'sets', 'add', 'mine.quarry', 'Materials', '--codes', 'Craft/Recipes');
  return { dir, mine: join(dir, 'mine.quarry'), theirs: join(dir, 'tove.quarry') };
}

describe('merging source sets and code sets', () => {
  it('brings new sets with their members, unions a set both sides have, and adds nothing the second time', async () => {
    const { dir } = await twoCopies();
    const r = JSON.parse(await ok(dir, 'merge', 'mine.quarry', 'tove.quarry', '--json')) as MergeJson;
    expect(r.skipped).toEqual([]);
    expect(r.itemSets).toEqual({ added: ['Equipment notes (sources)', 'Making (codes)'], extended: ['Workshop (sources)', 'Materials (codes)'], membersNotImported: 0 });
    const after = await sets(dir);
    expect(after).toEqual([
      { name: 'Equipment notes', kind: 'sources', members: ['kiln', 'wheel'] },
      // Mine keeps kiln though Tove took it out: a merge never removes.
      { name: 'Workshop', kind: 'sources', members: ['clay', 'glaze', 'kiln'] },
      { name: 'Making', kind: 'codes', members: ['Craft/Firing', 'Tools'] },
      { name: 'Materials', kind: 'codes', members: ['Craft/Recipes', 'Supply'] },
    ]);
    const description = sql(join(dir, 'mine.quarry'), `SELECT description FROM item_sets WHERE name = 'Equipment notes'`)[0];
    expect(description).toBe('Where tools are talked about');

    const again = JSON.parse(await ok(dir, 'merge', 'mine.quarry', 'tove.quarry', '--json')) as MergeJson;
    expect(again.nothingToDo).toBe(true);
    expect(again.itemSets).toEqual({ added: [], extended: [], membersNotImported: 0 });
    expect(await sets(dir)).toEqual(after);
  });

  it('drops and counts members whose source is kept out by a choice', async () => {
    const { dir, mine, theirs } = await twoCopies();
    // Both sides now hold a different "shed" note; Tove's goes into her new set.
    writeFileSync(join(dir, 'shed.txt'), 'My shed note: the roof leaks over the drying racks.');
    await ok(dir, 'import', 'mine.quarry', 'shed.txt');
    writeFileSync(join(dir, 'shed.txt'), 'Tove’s shed note: the racks were moved to the loft.');
    await ok(dir, 'import', 'tove.quarry', 'shed.txt');
    sql(theirs, `INSERT INTO source_set_members(set_id, source_id) SELECT s.id, x.id FROM item_sets s, sources x WHERE s.name = 'Equipment notes' AND x.name = 'shed'`);
    const preview = await withProject(mine, (ctx) => previewMerge(ctx, theirs));
    const clash = preview.conflicts.find((c) => c.kind === 'source' && c.subject === 'shed')!;
    const result = await withProject(mine, (ctx) => applyMerge(ctx, theirs, { [clash.id]: 'mine' }));
    expect(result.itemSets.membersNotImported).toBe(1);
    expect((await sets(dir)).find((s) => s.name === 'Equipment notes')).toEqual({ name: 'Equipment notes', kind: 'sources', members: ['kiln', 'wheel'] });
  });

  it('leaves out a tampered set with a reason and merges the rest', async () => {
    const { dir, theirs } = await twoCopies();
    sql(
      theirs,
      // A member that is no source of her file, and a set of a kind there is no such thing as (the kind check bypassed).
      `PRAGMA foreign_keys = OFF`,
      `INSERT INTO source_set_members(set_id, source_id) SELECT id, 9999 FROM item_sets WHERE name = 'Equipment notes'`,
      `PRAGMA ignore_check_constraints = ON`,
      `INSERT INTO item_sets(guid, kind, name, description, created_at) VALUES ('6f1c2d3e-0000-4000-8000-00000000abcd', 'quotes', 'Odd one', '', '2026-01-01T00:00:00Z')`,
    );
    const r = JSON.parse(await ok(dir, 'merge', 'mine.quarry', 'tove.quarry', '--json')) as MergeJson;
    expect(r.skipped).toEqual([
      { kind: 'set', name: 'Odd one', reason: expect.stringContaining('its kind does not fit') },
      { kind: 'source set', name: 'Equipment notes', reason: 'its member #9999 is not a source of the file' },
    ]);
    expect(r.itemSets.added).toEqual(['Making (codes)']);
    expect((await sets(dir)).map((s) => s.name)).toEqual(['Workshop', 'Making', 'Materials']);
  });
});
