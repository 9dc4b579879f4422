import { afterEach, describe, expect, it } from 'vitest';
import type { ProjectDb } from '../../../shared/db/projectDb.js';
import { assignSource, createCase, defineAttribute, setCaseValue } from '../../../shared/services/caseService.js';
import {
  createCode,
  deleteCodeTree,
  findCodeByPath,
  mergeCodes,
  moveCodeTo,
  updateCodeDetails,
} from '../../../shared/services/codeService.js';
import { applyCoding, recodeCoding, removeCoding, resizeCoding } from '../../../shared/services/codingService.js';
import type { ServiceContext } from '../../../shared/services/context.js';
import { addMemo, editMemo, removeMemo } from '../../../shared/services/memoService.js';
import { importFiles, removeSource, renameSource } from '../../../shared/services/sourceService.js';
import { countAll } from '../../../shared/store/metaStore.js';
import { addSource, dumpTables, newProject, seed } from './testProject.js';

const open: ProjectDb[] = [];
afterEach(() => {
  for (const p of open.splice(0)) p.close();
});

function setup() {
  const made = newProject();
  open.push(made.project);
  return made;
}

const dump = (ctx: ServiceContext) => dumpTables(ctx.project.db);
const file = (fileName: string, text: string) => ({ fileName, bytes: new TextEncoder().encode(text) });

/** Runs a step, checks undo returns exactly to the state before and redo exactly to the state after. */
function roundTrip(ctx: ServiceContext, label: string, fn: () => unknown): void {
  const before = dump(ctx);
  fn();
  const after = dump(ctx);
  expect(after).not.toEqual(before);
  expect(ctx.project.history.state().undo?.label).toBe(label);
  expect(ctx.project.history.undo()?.label).toBe(label);
  expect(dump(ctx)).toEqual(before);
  expect(ctx.project.history.state().redo?.label).toBe(label);
  expect(ctx.project.history.redo()?.label).toBe(label);
  expect(dump(ctx)).toEqual(after);
}

describe('undo and redo through the services', () => {
  it('create a code', () => {
    const { ctx } = setup();
    roundTrip(ctx, 'Create code', () => createCode(ctx, { path: 'A/B/C', color: '#123456' }));
    expect(findCodeByPath(ctx.project.db, 'A/B/C')).toBeDefined();
  });

  it('apply a coding (creating its code and the coder on the way)', () => {
    const { ctx } = setup();
    const s = addSource(ctx, 'S', 'Some 😀 text to code.');
    roundTrip(ctx, 'Code passage', () => applyCoding(ctx, { sourceId: s, start: 5, end: 6, codePath: 'New/Leaf' }));
  });

  it('rename, recolour and describe a code', () => {
    const { ctx } = setup();
    const id = createCode(ctx, { path: 'Old name' });
    roundTrip(ctx, 'Edit code', () => updateCodeDetails(ctx, { id, name: 'New name', color: '#abcdef', description: 'd' }));
  });

  it('move a code under another (reordering siblings)', () => {
    const { ctx } = setup();
    const parent = createCode(ctx, { path: 'P' });
    createCode(ctx, { path: 'P/x' });
    createCode(ctx, { path: 'P/y' });
    const id = createCode(ctx, { path: 'Loose' });
    roundTrip(ctx, 'Move code', () => moveCodeTo(ctx, { id, parentId: parent, index: 0 }));
  });

  it('merge codes, with duplicate codings collapsing and children merging', () => {
    const { ctx } = setup();
    const s = addSource(ctx, 'S', 'abcdefghijklmnopqrstuvwxyz');
    const from = createCode(ctx, { path: 'From' });
    const into = createCode(ctx, { path: 'Into' });
    const fromKid = createCode(ctx, { path: 'From/Kid' });
    const intoKid = createCode(ctx, { path: 'Into/Kid' });
    createCode(ctx, { path: 'From/Other' });
    applyCoding(ctx, { sourceId: s, start: 0, end: 3, codeId: from });
    applyCoding(ctx, { sourceId: s, start: 0, end: 3, codeId: into }); // duplicate → collapses
    applyCoding(ctx, { sourceId: s, start: 5, end: 9, codeId: from });
    applyCoding(ctx, { sourceId: s, start: 1, end: 2, codeId: fromKid });
    applyCoding(ctx, { sourceId: s, start: 1, end: 2, codeId: intoKid }); // duplicate in the child → collapses
    const c = applyCoding(ctx, { sourceId: s, start: 10, end: 12, codeId: from });
    addMemo(ctx, { target: 'coding', codingId: c.id, body: 'memo on a moved coding' });
    addMemo(ctx, { target: 'code', codeId: from, body: 'memo on the merged code' });
    let result: { moved: number; collapsed: number } | undefined;
    roundTrip(ctx, 'Merge codes', () => {
      result = mergeCodes(ctx, { from, into });
    });
    expect(result).toEqual({ moved: 2, collapsed: 2 });
    expect(findCodeByPath(ctx.project.db, 'From')).toBeUndefined();
    expect(findCodeByPath(ctx.project.db, 'Into/Other')).toBeDefined();
    expect(countAll(ctx.project.db).codings).toBe(4);
  });

  it('delete a code with children, codings and memos (cascade), and restore every row exactly', () => {
    const { ctx } = setup();
    const { sourceIds } = seed(ctx);
    const root = createCode(ctx, { path: 'Tree' });
    const kid = createCode(ctx, { path: 'Tree/Kid' });
    const grandkid = createCode(ctx, { path: 'Tree/Kid/Grandkid' });
    const c1 = applyCoding(ctx, { sourceId: sourceIds[0]!, start: 0, end: 4, codeId: grandkid });
    applyCoding(ctx, { sourceId: sourceIds[0]!, start: 2, end: 9, codeId: kid });
    applyCoding(ctx, { sourceId: sourceIds[1]!, start: 0, end: 3, codeId: root });
    applyCoding(ctx, { sourceId: sourceIds[1]!, start: 0, end: 3, codeId: kid });
    addMemo(ctx, { target: 'coding', codingId: c1.id, body: 'on a coding that will cascade away' });
    addMemo(ctx, { target: 'code', codeId: kid, body: 'on a child code' });
    const codingsBefore = countAll(ctx.project.db).codings;
    let removed: { codes: number; codings: number } | undefined;
    roundTrip(ctx, 'Delete code', () => {
      removed = deleteCodeTree(ctx, root);
    });
    expect(removed).toEqual({ codes: 3, codings: 4 });
    ctx.project.history.undo();
    expect(countAll(ctx.project.db).codings).toBe(codingsBefore);
    expect(ctx.project.db.pragma('foreign_key_check')).toEqual([]);
  });

  it('delete a source with its text, codings and memos, and restore it', () => {
    const { ctx } = setup();
    const { sourceIds } = seed(ctx);
    roundTrip(ctx, 'Delete source', () => removeSource(ctx, sourceIds[0]!));
    ctx.project.history.undo();
    expect(ctx.project.db.prepare(`SELECT text FROM source_text WHERE source_id = ?`).pluck().get(sourceIds[0]!)).toBe(
      'Hello 😀 world.\nSecond line with 中文 and café.\n',
    );
    expect(ctx.project.db.pragma('foreign_key_check')).toEqual([]);
  });

  it('rename a source, assign it to a case, set a value, edit a memo, resize and recode', () => {
    const { ctx } = setup();
    const { sourceIds, codingIds, codeIds, caseId, attributeId } = seed(ctx);
    roundTrip(ctx, 'Rename source', () => renameSource(ctx, { id: sourceIds[1]!, name: 'Renamed', description: 'x' }));
    roundTrip(ctx, 'Assign source to case', () => assignSource(ctx, { sourceId: sourceIds[1]!, caseName: 'Brand new case' }));
    roundTrip(ctx, 'Edit attribute value', () => setCaseValue(ctx, { caseId, attributeId, raw: '43' }));
    const memo = addMemo(ctx, { target: 'case', caseId, body: 'v1' });
    roundTrip(ctx, 'Edit memo', () => editMemo(ctx, { id: memo.id, body: 'v2' }));
    roundTrip(ctx, 'Resize coding', () => resizeCoding(ctx, { id: codingIds[1]!, start: 1, end: 12 }));
    roundTrip(ctx, 'Recode passage', () => recodeCoding(ctx, { id: codingIds[2]!, codeId: codeIds['Themes/Doubt']! }));
  });

  it('restores text exactly, even with quotes, NUL characters and emoji', () => {
    const { ctx } = setup();
    const body = "it's \"quoted\" \u0000 after a NUL, 😀 e\u0301 '' \\ end";
    const memo = addMemo(ctx, { target: 'project', title: 'a\u0000b', body });
    roundTrip(ctx, 'Edit memo', () => editMemo(ctx, { id: memo.id, body: 'plain' }));
    ctx.project.history.undo();
    expect(ctx.project.db.prepare(`SELECT title, body FROM memos WHERE id = ?`).get(memo.id)).toEqual({ title: 'a\u0000b', body });
    roundTrip(ctx, 'Delete memo', () => removeMemo(ctx, memo.id));
    ctx.project.history.undo();
    const row = ctx.project.db.prepare(`SELECT title, body FROM memos WHERE id = ?`).get(memo.id);
    expect(row).toEqual({ title: 'a\u0000b', body });
  });

  it('import a batch of files as one step', async () => {
    const { ctx } = setup();
    const before = dump(ctx);
    const results = await importFiles(ctx, [file('a.txt', 'one'), file('b.md', '# two'), file('c.txt', 'three\r\n')], { caseFromFileName: true });
    expect(results.map((r) => r.status)).toEqual(['imported', 'imported', 'imported']);
    const after = dump(ctx);
    expect(ctx.project.history.state()).toMatchObject({ undoDepth: 1, undo: { label: 'Import 3 sources' } });
    ctx.project.history.undo();
    expect(dump(ctx)).toEqual(before);
    expect(countAll(ctx.project.db).sources).toBe(0);
    ctx.project.history.redo();
    expect(dump(ctx)).toEqual(after);
    expect(countAll(ctx.project.db)).toMatchObject({ sources: 3, cases: 3 });
  });

  it('undoes all and redoes all of a long sequence, matching the state at every point', async () => {
    const { ctx } = setup();
    const h = ctx.project.history;
    const states = [dump(ctx)];
    const labels: string[] = [];
    const stepDone = (label: string) => {
      states.push(dump(ctx));
      labels.push(label);
    };
    await importFiles(ctx, [file('one.txt', 'First 😀 source, with some text.\n'), file('two.txt', 'Second source — שלום.')]);
    stepDone('Import 2 sources');
    const a = createCode(ctx, { path: 'A' });
    stepDone('Create code');
    const b = createCode(ctx, { path: 'A/B', color: '#010203' });
    stepDone('Create code');
    const c = applyCoding(ctx, { sourceId: 1, start: 0, end: 5, codeId: b });
    stepDone('Code passage');
    applyCoding(ctx, { sourceId: 2, start: 0, end: 6, codePath: 'Z/Y' });
    stepDone('Code passage');
    addMemo(ctx, { target: 'coding', codingId: c.id, body: 'why' });
    stepDone('Add memo');
    addMemo(ctx, { target: 'span', sourceId: 1, start: 6, end: 7, body: 'emoji' });
    stepDone('Add annotation');
    updateCodeDetails(ctx, { id: a, name: 'A2' });
    stepDone('Edit code');
    const caseId = createCase(ctx, { name: 'K' });
    stepDone('Create case');
    const attr = defineAttribute(ctx, { name: 'Role', type: 'choice', choices: ['x', 'y'] });
    stepDone('Add attribute');
    setCaseValue(ctx, { caseId, attributeId: attr, raw: 'y' });
    stepDone('Edit attribute value');
    moveCodeTo(ctx, { id: b, parentId: null });
    stepDone('Move code');
    removeCoding(ctx, c.id);
    stepDone('Uncode passage');
    const z = findCodeByPath(ctx.project.db, 'Z')!;
    mergeCodes(ctx, { from: z, into: a });
    stepDone('Merge codes');
    deleteCodeTree(ctx, a);
    stepDone('Delete code');
    removeSource(ctx, 2);
    stepDone('Delete source');

    const n = labels.length;
    expect(h.state().undoDepth).toBe(n);
    for (let i = n; i > 0; i--) {
      expect(h.undo()?.label).toBe(labels[i - 1]);
      expect(dump(ctx), `after undoing step ${i} (${labels[i - 1]})`).toEqual(states[i - 1]);
    }
    expect(h.undo()).toBeNull();
    expect(h.state()).toEqual({ undo: null, redo: { step: expect.any(Number), label: labels[0] }, undoDepth: 0, redoDepth: n });
    for (let i = 1; i <= n; i++) {
      expect(h.redo()?.label).toBe(labels[i - 1]);
      expect(dump(ctx), `after redoing step ${i} (${labels[i - 1]})`).toEqual(states[i]);
    }
    expect(h.redo()).toBeNull();
    // and once more down and up
    for (let i = n; i > 0; i--) h.undo();
    expect(dump(ctx)).toEqual(states[0]);
    for (let i = 1; i <= n; i++) h.redo();
    expect(dump(ctx)).toEqual(states[n]);
  });

  it('a new mutation clears the redo stack', () => {
    const { ctx } = setup();
    const h = ctx.project.history;
    createCode(ctx, { path: 'One' });
    createCode(ctx, { path: 'Two' });
    h.undo();
    expect(h.state().redoDepth).toBe(1);
    createCode(ctx, { path: 'Three' });
    expect(h.state()).toMatchObject({ redo: null, redoDepth: 0, undoDepth: 2 });
    expect(h.redo()).toBeNull();
    expect(findCodeByPath(ctx.project.db, 'Two')).toBeUndefined();
    // the cleared redo step's log is gone: nothing left for steps that no longer exist
    const steps = ctx.project.db.prepare(`SELECT DISTINCT step FROM temp.undo_log`).pluck().all();
    expect(steps).toHaveLength(2);
  });

  it('a failed mutation records nothing and leaves the data unchanged', () => {
    const { ctx } = setup();
    createCode(ctx, { path: 'Only' });
    const before = dump(ctx);
    const depth = ctx.project.history.state().undoDepth;
    expect(() => createCode(ctx, { path: 'Bad', color: 'red' })).toThrow(/not a colour/);
    expect(dump(ctx)).toEqual(before);
    expect(ctx.project.history.state().undoDepth).toBe(depth);
  });

  it('a step that changes nothing is not an undo step', () => {
    const { ctx } = setup();
    const id = createCode(ctx, { path: 'Same' });
    const depth = ctx.project.history.state().undoDepth;
    createCode(ctx, { path: 'Same' }); // exists: no change
    expect(findCodeByPath(ctx.project.db, 'Same')).toBe(id);
    expect(ctx.project.history.state().undoDepth).toBe(depth);
  });

  it('untracked() records nothing', () => {
    const { ctx } = setup();
    const h = ctx.project.history;
    createCode(ctx, { path: 'Tracked' });
    const logBefore = ctx.project.db.prepare(`SELECT count(*) FROM temp.undo_log`).pluck().get();
    h.untracked(() => {
      ctx.project.db.prepare(`INSERT INTO users(guid, name, created_at) VALUES ('g-1', 'Silent', 'now')`).run();
    });
    expect(ctx.project.db.prepare(`SELECT count(*) FROM temp.undo_log`).pluck().get()).toBe(logBefore);
    expect(h.state()).toMatchObject({ undoDepth: 1, undo: { label: 'Create code' } });
    h.undo();
    expect(findCodeByPath(ctx.project.db, 'Tracked')).toBeUndefined();
    expect(ctx.project.db.prepare(`SELECT name FROM users WHERE name = 'Silent'`).pluck().get()).toBe('Silent');
  });

  it('history.state reports labels and depths; nested steps join the outer one', () => {
    const { ctx } = setup();
    const h = ctx.project.history;
    expect(h.state()).toEqual({ undo: null, redo: null, undoDepth: 0, redoDepth: 0 });
    h.step('Outer', () => {
      createCode(ctx, { path: 'N1' });
      createCode(ctx, { path: 'N2' });
    });
    expect(h.state()).toMatchObject({ undo: { label: 'Outer' }, undoDepth: 1 });
    h.undo();
    expect(findCodeByPath(ctx.project.db, 'N1')).toBeUndefined();
    expect(findCodeByPath(ctx.project.db, 'N2')).toBeUndefined();
    expect(h.state()).toMatchObject({ undo: null, redo: { label: 'Outer' }, undoDepth: 0, redoDepth: 1 });
    h.reset();
    expect(h.state()).toEqual({ undo: null, redo: null, undoDepth: 0, redoDepth: 0 });
    expect(ctx.project.db.prepare(`SELECT count(*) FROM temp.undo_log`).pluck().get()).toBe(0);
  });

  it('history does not survive closing the project', async () => {
    const { ctx, path, project } = setup();
    createCode(ctx, { path: 'Kept' });
    project.close();
    const { ProjectDb } = await import('../../../shared/db/projectDb.js');
    const again = ProjectDb.open(path).project;
    open.push(again);
    expect(again.history.state().undoDepth).toBe(0);
    expect(findCodeByPath(again.db, 'Kept')).toBeDefined();
  });
});
