/**
 * A co-author's copy that classified, nested and described sources, merged
 * back: their new classification and its attributes arrive, new cases keep
 * their parent and classification, a case both sides moved is a conflict
 * (keep mine / take theirs), source attribute values follow the same rules
 * as case values, a type clash is a conflict, tampered rows are left out
 * and named, and merging again adds nothing.
 */
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ProjectDb } from '../../shared/db/projectDb.js';
import type { ServiceContext } from '../../shared/services/context.js';
import type { MergeChoice } from '../../shared/domain/mergeTypes.js';
import { applyMerge, previewMerge } from '../../shared/services/mergeService.js';
import { listAttributes } from '../../shared/store/attributesStore.js';
import { listClassifications } from '../../shared/store/classificationsStore.js';
import { tempDir } from './caseFixtures.js';
import { quarryOk } from './quarryCli.js';
import { withProjectAs } from './mergeTestKit.js';

const ok = quarryOk;

const withProject = <T>(path: string, fn: (ctx: ServiceContext) => Promise<T>): Promise<T> => withProjectAs(path, 'Noor Haddad', fn);

/** Raw SQL on a closed project file: what the co-author's own Quarry (or a tampering tool) would leave in it. */
function sql(path: string, ...statements: string[]): void {
  const db = new Database(path);
  try {
    for (const s of statements) db.exec(s);
  } finally {
    db.close();
  }
}

/** Both copies: Noor's (study.quarry) and Sami's copy of it (sami.quarry), each then changed on its own. */
async function twoCopies(): Promise<{ dir: string; mine: string; theirs: string }> {
  const dir = tempDir('quarry-merge-classif-');
  await ok(dir, 'new', 'study.quarry');
  writeFileSync(join(dir, 'Lia first.txt'), 'Lia: the bell rang twice before lunch.\n');
  writeFileSync(join(dir, 'Lia second.txt'), 'Lia: by spring the bell was quieter.\n');
  await ok(dir, 'import', 'study.quarry', 'Lia first.txt', 'Lia second.txt');
  writeFileSync(join(dir, 'schools.csv'), 'School,Pupils enrolled\nBirch,210\nCedar,95\nPine,150\n');
  await ok(dir, 'cases', 'import', 'study.quarry', 'schools.csv', '--classification', 'School');
  writeFileSync(join(dir, 'pupils.csv'), 'Pupil,Parent,Year\nLia,Birch,8\nMo,Birch,9\n');
  await ok(dir, 'cases', 'import', 'study.quarry', 'pupils.csv', '--classification', 'Pupil');
  await ok(dir, 'cases', 'assign', 'study.quarry', 'Lia first', 'Lia');
  await ok(dir, 'sources', 'set', 'study.quarry', 'Lia first', 'Wave=1');
  await ok(dir, 'sources', 'set', 'study.quarry', 'Lia second', 'Wave=2');
  copyFileSync(join(dir, 'study.quarry'), join(dir, 'sami.quarry'));

  // Sami: a Teacher classification with its own attribute, a teacher under Cedar, a new pupil under Pine,
  // Mo moved to Cedar, interview dates, a different wave for the second interview, Mode as a number.
  writeFileSync(join(dir, 'teachers.csv'), 'Teacher,Parent,Subject\nMs Reed,Cedar,Music\nMr Cole,Pine,Art\n');
  await ok(dir, 'cases', 'import', 'sami.quarry', 'teachers.csv', '--classification', 'Teacher');
  await ok(dir, 'cases', 'add', 'sami.quarry', 'Ana', '--parent', 'Pine', '--classification', 'Pupil');
  await ok(dir, 'sources', 'set', 'sami.quarry', 'Lia first', 'Interview date=2025-05-02', 'Mode=3');
  await ok(dir, 'sources', 'set', 'sami.quarry', 'Lia second', 'Wave=3');
  sql(join(dir, 'sami.quarry'), `UPDATE cases SET parent_id = (SELECT id FROM cases WHERE name = 'Cedar') WHERE name = 'Mo'`);

  // Noor meanwhile: Mo moved to Pine, Mode as text.
  sql(join(dir, 'study.quarry'), `UPDATE cases SET parent_id = (SELECT id FROM cases WHERE name = 'Pine') WHERE name = 'Mo'`);
  await ok(dir, 'sources', 'set', 'study.quarry', 'Lia first', 'Mode=Visit');
  return { dir, mine: join(dir, 'study.quarry'), theirs: join(dir, 'sami.quarry') };
}

type CaseRow = { name: string; parent: string | null; classification: string | null; attributes: Record<string, string> };
type SourceRow = { name: string; attributes: Record<string, string> };

const cases = async (dir: string) => Object.fromEntries((JSON.parse(await ok(dir, 'cases', 'study.quarry', '--json')) as CaseRow[]).map((c) => [c.name, c]));
const sources = async (dir: string) => Object.fromEntries((JSON.parse(await ok(dir, 'sources', 'study.quarry', '--json')) as SourceRow[]).map((s) => [s.name, s.attributes]));

describe('merging classifications, nesting and source attributes', () => {
  it('brings them in, with conflicts for a case moved on both sides and a different source value', async () => {
    const { dir, mine, theirs } = await twoCopies();
    const preview = await withProject(mine, (ctx) => previewMerge(ctx, theirs));
    expect(preview.classifications.added).toEqual(['Teacher']);
    expect(preview.sourceAttributes.added).toEqual(['Interview date', 'Mode (study)']);
    const kinds = Object.fromEntries(preview.conflicts.map((c) => [c.kind, c]));
    expect(kinds['case parent']).toMatchObject({ subject: 'Mo', mine: 'Pine', theirs: 'Cedar', choices: ['mine', 'theirs'], default: 'mine' });
    expect(kinds['source attribute value']).toMatchObject({ subject: 'Lia second · Wave', mine: '2', theirs: '3', default: 'mine' });
    expect(kinds['source attribute type']).toMatchObject({ subject: 'Mode', mine: 'text', theirs: 'number', default: 'both' });

    // Take theirs for the move and the wave; the type clash keeps both (their Mode arrives named after their project).
    const decisions: Record<string, MergeChoice> = { [kinds['case parent']!.id]: 'theirs', [kinds['source attribute value']!.id]: 'theirs' };
    const result = await withProject(mine, (ctx) => applyMerge(ctx, theirs, decisions));
    expect(result.skipped).toEqual([]);
    const after = await cases(dir);
    expect(after['Ms Reed']).toMatchObject({ parent: 'Cedar', classification: 'Teacher', attributes: { Subject: 'Music' } });
    expect(after['Mr Cole']).toMatchObject({ parent: 'Pine', classification: 'Teacher' });
    expect(after['Ana']).toMatchObject({ parent: 'Pine', classification: 'Pupil' });
    expect(after['Mo']).toMatchObject({ parent: 'Cedar', classification: 'Pupil' });
    expect(after['Lia']).toMatchObject({ parent: 'Birch', classification: 'Pupil', attributes: { Year: '8' } });
    const srcs = await sources(dir);
    expect(srcs['Lia first']).toEqual({ Wave: '1', Mode: 'Visit', 'Interview date': '2025-05-02', 'Mode (study)': '3' });
    expect(srcs['Lia second']).toMatchObject({ Wave: '3' });

    // The Teacher classification owns its attribute, as in Sami's file.
    const open = ProjectDb.open(mine, { readOnly: true }).project;
    try {
      const teacher = listClassifications(open.db).find((k) => k.name === 'Teacher')!;
      expect(listAttributes(open.db).find((a) => a.name === 'Subject')).toMatchObject({ classificationId: teacher.id, type: 'text' });
    } finally {
      open.close();
    }

    // Merging again adds nothing.
    const again = await withProject(mine, (ctx) => applyMerge(ctx, theirs, decisions));
    expect(again.nothingToDo).toBe(true);
    expect(await cases(dir)).toEqual(after);
    expect(await sources(dir)).toEqual(srcs);
  });

  it('keeps mine by default (the CLI), and leaves out tampered rows with a reason', async () => {
    const { dir, theirs } = await twoCopies();
    sql(
      theirs,
      `UPDATE source_attribute_values SET value = 'soon' WHERE attribute_id = (SELECT id FROM source_attributes WHERE name = 'Wave')
         AND source_id = (SELECT id FROM sources WHERE name = 'Lia second')`,
      `UPDATE cases SET parent_id = (SELECT id FROM cases WHERE name = 'Mr Cole') WHERE name = 'Pine'`,
    );
    const r = JSON.parse(await ok(dir, 'merge', 'study.quarry', 'sami.quarry', '--json')) as { skipped: { kind: string; name: string; reason: string }[]; conflicts: { kind: string; resolution: string }[] };
    expect(r.skipped).toEqual(
      expect.arrayContaining([
        { kind: 'source attribute value', name: 'Lia second · Wave', reason: expect.stringContaining('soon') },
        { kind: 'case parent', name: expect.stringMatching(/Pine|Mr Cole/), reason: expect.stringContaining('nested under it') },
      ]),
    );
    expect(r.conflicts.find((c) => c.kind === 'case parent')?.resolution).toBe('mine');
    const after = await cases(dir);
    expect(after['Mo']).toMatchObject({ parent: 'Pine' });
    expect(after['Pine']).toMatchObject({ parent: null, classification: 'School' });
    expect((await sources(dir))['Lia second']).toMatchObject({ Wave: '2' });
  });
});
