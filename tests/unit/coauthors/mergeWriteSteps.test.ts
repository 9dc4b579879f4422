/**
 * A merge plan is written in steps that yield to the event loop (the app
 * drives them with runStepsAsync). A whole project merged into an empty one
 * brings every source, and a source's text is indexed as it is written: one
 * source per step at most, and the steps write exactly what writing the
 * plan in one go writes. The reader sends the plan's texts in pieces of a
 * bounded size, never cutting a text.
 */
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { textsPiece } from '../../../shared/foreign/planPieces.js';
import { planMerge } from '../../../shared/services/mergePlanner.js';
import { writeMergePlan, writeMergePlanSteps } from '../../../shared/store/mergeStore.js';
import { readSnapshot } from '../../../shared/store/snapshotStore.js';
import { getSourceText } from '../../../shared/store/sourcesStore.js';
import { addSource, dumpTables, newProject, seed } from '../db/testProject.js';

const made: { dir: string; project: { close(): void } }[] = [];
const project = (name: string) => {
  const p = newProject(name);
  made.push(p);
  return p;
};
afterEach(() => {
  for (const p of made.splice(0)) {
    p.project.close();
    rmSync(p.dir, { recursive: true, force: true });
  }
});

/** Their project: seed's rows (a memo on a coding among them) and a third source. */
function theirs() {
  const p = project('theirs.quarry');
  seed(p.ctx);
  addSource(p.ctx, 'Field notes', 'Notes from the harbour walk, with ✓ marks.');
  return p;
}

/**
 * The rows a merge writes, without the times they were written at (the two merges run a moment apart) and without
 * what each empty project had of its own from the start (its name, GUID and default classification).
 */
function merged(db: ReturnType<typeof newProject>['project']['db']): string {
  const { project_meta: _meta, classifications: _own, ...tables } = dumpTables(db);
  return JSON.stringify(tables, (_k, v: unknown) => (typeof v === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(v) ? 'a time' : v));
}

const count = (db: ReturnType<typeof newProject>['project']['db'], table: string): number => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

describe('writing a merge plan in steps', () => {
  it('writes a whole project into an empty one at most one source a step, and the same rows as in one go', () => {
    const other = theirs();
    const text = (id: number) => getSourceText(other.project.db, id) ?? '';
    const stepped = project('stepped.quarry');
    const plan = planMerge(readSnapshot(stepped.project.db), readSnapshot(other.project.db));
    expect(plan.sources).toHaveLength(3);

    const db = stepped.project.db;
    db.exec('BEGIN');
    const steps = writeMergePlanSteps(db, plan, text);
    const sourcesAtEachStep: number[] = [];
    for (let r = steps.next(); ; r = steps.next()) {
      sourcesAtEachStep.push(count(db, 'sources'));
      if (r.done) break;
    }
    db.exec('COMMIT');
    expect(sourcesAtEachStep.at(-1)).toBe(3);
    const newPerStep = sourcesAtEachStep.map((n, i) => n - (sourcesAtEachStep[i - 1] ?? 0));
    expect(Math.max(...newPerStep)).toBe(1);

    const inOneGo = project('one-go.quarry');
    inOneGo.project.db.transaction(() => writeMergePlan(inOneGo.project.db, planMerge(readSnapshot(inOneGo.project.db), readSnapshot(other.project.db)), text))();
    expect(merged(db)).toEqual(merged(inOneGo.project.db));
    // The memo on a coding is on the new copy of that coding.
    const onCoding = db.prepare(`SELECT c.start_pos, c.end_pos FROM memos m JOIN codings c ON c.id = m.coding_id`).all();
    expect(onCoding).toEqual(other.project.db.prepare(`SELECT c.start_pos, c.end_pos FROM memos m JOIN codings c ON c.id = m.coding_id`).all());
    expect(onCoding).toHaveLength(1);
  });
});

describe('textsPiece', () => {
  const texts: [number, string][] = [
    [1, 'a'.repeat(4)],
    [2, 'b'.repeat(3)],
    [3, 'c'.repeat(10)],
    [4, 'd'],
  ];

  it('cuts the texts into pieces of at most maxChars, never cutting a text, and a longer text alone', () => {
    const pieces: [number, string][][] = [];
    for (let from = 0; from < texts.length; from += pieces.at(-1)!.length) pieces.push(textsPiece(texts, from, 8));
    expect(pieces.map((p) => p.map(([id]) => id))).toEqual([[1, 2], [3], [4]]);
    expect(pieces.flat()).toEqual(texts);
  });

  it('answers nothing past the end', () => {
    expect(textsPiece(texts, 4, 8)).toEqual([]);
  });
});
