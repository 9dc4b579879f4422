import { afterEach, describe, expect, it } from 'vitest';
import type { ProjectDb } from '../../../shared/db/projectDb.js';
import type { MemoTarget } from '../../../shared/domain/types.js';
import { QuarryError } from '../../../shared/errors.js';
import { createCase, removeCase } from '../../../shared/services/caseService.js';
import { codeTree, createCode, deleteCodeTree } from '../../../shared/services/codeService.js';
import { applyCoding, passages, removeCoding } from '../../../shared/services/codingService.js';
import { ensureCoder, initialsOf, listCoders, saveCoder } from '../../../shared/services/coderService.js';
import type { ServiceContext } from '../../../shared/services/context.js';
import { addMemo, editMemo, findMemos, removeMemo } from '../../../shared/services/memoService.js';
import { removeSource } from '../../../shared/services/sourceService.js';
import { addSource, newProject } from '../db/testProject.js';

const open: ProjectDb[] = [];
afterEach(() => {
  for (const p of open.splice(0)) p.close();
});
function setup() {
  const made = newProject();
  open.push(made.project);
  return made;
}

function expectError(fn: () => unknown, code: string, message: RegExp): void {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  expect(caught, `expected ${code}`).toBeInstanceOf(QuarryError);
  expect((caught as QuarryError).code).toBe(code);
  expect((caught as QuarryError).message).toMatch(message);
}

function world(ctx: ServiceContext) {
  const sourceId = addSource(ctx, 'S', 'A passage 😀 with 中文 in it.');
  const codeId = createCode(ctx, { path: 'Theme' });
  const coding = applyCoding(ctx, { sourceId, start: 2, end: 9, codeId });
  const caseId = createCase(ctx, { name: 'K1' });
  return { sourceId, codeId, codingId: coding.id, caseId };
}

describe('memos', () => {
  it('attach to every kind of target, including span annotations', () => {
    const { ctx } = setup();
    const w = world(ctx);
    const made = {
      project: addMemo(ctx, { target: 'project', title: 'P', body: 'about the project' }),
      source: addMemo(ctx, { target: 'source', sourceId: w.sourceId, body: 'about the source' }),
      code: addMemo(ctx, { target: 'code', codeId: w.codeId, body: 'about the code' }),
      coding: addMemo(ctx, { target: 'coding', codingId: w.codingId, body: 'about the coding' }),
      case: addMemo(ctx, { target: 'case', caseId: w.caseId, body: 'about the case' }),
      span: addMemo(ctx, { target: 'span', sourceId: w.sourceId, start: 10, end: 11, body: 'about the emoji' }),
    } satisfies Record<MemoTarget, unknown>;
    expect(made.project).toMatchObject({ target: 'project', title: 'P', sourceId: null, codeId: null, codingId: null, caseId: null, author: 'Tess Tester' });
    expect(made.source).toMatchObject({ target: 'source', sourceId: w.sourceId, start: null, end: null });
    expect(made.code).toMatchObject({ target: 'code', codeId: w.codeId, sourceId: null });
    expect(made.coding).toMatchObject({ target: 'coding', codingId: w.codingId });
    expect(made.case).toMatchObject({ target: 'case', caseId: w.caseId });
    expect(made.span).toMatchObject({ target: 'span', sourceId: w.sourceId, start: 10, end: 11, body: 'about the emoji' });
    for (const target of Object.keys(made) as MemoTarget[]) {
      expect(findMemos(ctx, { target }).map((m) => m.id)).toEqual([made[target].id]);
    }
    expect(findMemos(ctx, { sourceId: w.sourceId }).map((m) => m.target).sort()).toEqual(['source', 'span']);
  });

  it('ignore ids that do not belong to their target kind', () => {
    const { ctx } = setup();
    const w = world(ctx);
    const m = addMemo(ctx, { target: 'code', codeId: w.codeId, sourceId: w.sourceId, caseId: w.caseId, start: 0, end: 1, body: 'x' });
    expect(m).toMatchObject({ codeId: w.codeId, sourceId: null, caseId: null, start: null, end: null });
  });

  it('refuse a missing target id, a bad span, and a target that does not exist', () => {
    const { ctx, project } = setup();
    const w = world(ctx);
    expectError(() => addMemo(ctx, { target: 'source', body: 'x' }), 'bad_request', /source memo needs sourceId/);
    expectError(() => addMemo(ctx, { target: 'code', body: 'x' }), 'bad_request', /code memo needs codeId/);
    expectError(() => addMemo(ctx, { target: 'coding', body: 'x' }), 'bad_request', /coding memo needs codingId/);
    expectError(() => addMemo(ctx, { target: 'case', body: 'x' }), 'bad_request', /case memo needs caseId/);
    expectError(() => addMemo(ctx, { target: 'span', sourceId: w.sourceId, body: 'x' }), 'bad_request', /needs a source and a span/);
    expectError(() => addMemo(ctx, { target: 'span', sourceId: w.sourceId, start: 4, end: 4, body: 'x' }), 'bad_request', /before the end/);
    expectError(() => addMemo(ctx, { target: 'span', sourceId: w.sourceId, start: 0, end: 999, body: 'x' }), 'bad_request', /beyond the end/);
    expectError(() => addMemo(ctx, { target: 'span', sourceId: 999, start: 0, end: 1, body: 'x' }), 'not_found', /source no longer exists/);
    expectError(() => addMemo(ctx, { target: 'code', codeId: 999, body: 'x' }), 'not_found', /code this memo belongs to no longer exists/);
    expectError(() => addMemo(ctx, { target: 'coding', codingId: 999, body: 'x' }), 'not_found', /coding this memo/);
    expectError(() => addMemo(ctx, { target: 'case', caseId: 999, body: 'x' }), 'not_found', /case this memo/);
    expectError(() => addMemo(ctx, { target: 'source', sourceId: 999, body: 'x' }), 'not_found', /source this memo/);
    expect(project.db.prepare(`SELECT count(*) FROM memos`).pluck().get()).toBe(0);
  });

  it('are edited and removed, and go with what they are attached to', () => {
    const { ctx } = setup();
    const w = world(ctx);
    const m = addMemo(ctx, { target: 'coding', codingId: w.codingId, title: 'T', body: 'v1' });
    const edited = editMemo(ctx, { id: m.id, body: 'v2' });
    expect(edited).toMatchObject({ title: 'T', body: 'v2' });
    expect(edited.modifiedAt >= m.modifiedAt).toBe(true);
    removeMemo(ctx, m.id);
    expectError(() => removeMemo(ctx, m.id), 'not_found', /memo no longer exists/);
    expectError(() => editMemo(ctx, { id: m.id, body: 'x' }), 'not_found', /memo no longer exists/);

    addMemo(ctx, { target: 'coding', codingId: w.codingId, body: 'cascades with the coding' });
    addMemo(ctx, { target: 'code', codeId: w.codeId, body: 'cascades with the code' });
    addMemo(ctx, { target: 'case', caseId: w.caseId, body: 'cascades with the case' });
    addMemo(ctx, { target: 'span', sourceId: w.sourceId, start: 0, end: 1, body: 'cascades with the source' });
    removeCoding(ctx, w.codingId);
    expect(findMemos(ctx, { target: 'coding' })).toEqual([]);
    deleteCodeTree(ctx, w.codeId);
    expect(findMemos(ctx, { target: 'code' })).toEqual([]);
    removeCase(ctx, w.caseId);
    expect(findMemos(ctx, { target: 'case' })).toEqual([]);
    removeSource(ctx, w.sourceId);
    expect(findMemos(ctx, {})).toEqual([]);
  });
});

describe('coders', () => {
  it('are created on their first write, never by reading', () => {
    const { ctx, project } = setup();
    expect(listCoders(ctx)).toEqual([]);
    codeTree(project.db);
    passages(project.db, {});
    findMemos(ctx, {});
    expect(listCoders(ctx)).toEqual([]);
    createCode(ctx, { path: 'First write' });
    expect(listCoders(ctx)).toMatchObject([{ name: 'Tess Tester', initials: 'TT', color: expect.stringMatching(/^#[0-9a-f]{6}$/) }]);
    createCode(ctx, { path: 'Second write' });
    expect(listCoders(ctx)).toHaveLength(1);
    const second: ServiceContext = { project, coderName: '  Daniel   Osei ' };
    addMemo(second, { target: 'project', body: 'hello' });
    expect(listCoders(ctx).map((c) => [c.name, c.initials])).toEqual([
      ['Daniel   Osei', 'DO'],
      ['Tess Tester', 'TT'],
    ]);
    const guids = listCoders(ctx).map((c) => c.guid);
    expect(new Set(guids).size).toBe(2);
  });

  it('every write is attributed to the acting coder', () => {
    const { ctx, project } = setup();
    const s = addSource(ctx, 'S', 'some text');
    applyCoding({ project, coderName: 'Ruth Ashworth' }, { sourceId: s, start: 0, end: 4, codePath: 'X' });
    applyCoding({ project, coderName: 'Daniel Osei' }, { sourceId: s, start: 0, end: 4, codePath: 'X' });
    expect(passages(project.db, {}).map((p) => p.coder).sort()).toEqual(['Daniel Osei', 'Ruth Ashworth']);
    const memo = addMemo({ project, coderName: 'Daniel Osei' }, { target: 'source', sourceId: s, body: 'b' });
    expect(memo.author).toBe('Daniel Osei');
  });

  it('need a name; initials come from the first and last words', () => {
    const { project } = setup();
    expect(() => ensureCoder(project.db, '   ')).toThrow(/coder needs a name/);
    expect(initialsOf('Ruth Ashworth')).toBe('RA');
    expect(initialsOf('Mary Jane van der Berg')).toBe('MB');
    expect(initialsOf('Plato')).toBe('PL');
    expect(initialsOf('Émile Zola')).toBe('ÉZ');
    expect(initialsOf('😀 Smile')).toBe('😀S');
  });

  it('are renamed and recoloured, and a name clash is refused', () => {
    const { ctx } = setup();
    const a = saveCoder(ctx, { name: 'Alpha One', color: '#111111' });
    const b = saveCoder(ctx, { name: 'Beta Two' });
    expect(a).toMatchObject({ name: 'Alpha One', initials: 'AO', color: '#111111' });
    expect(saveCoder(ctx, { id: a.id, name: 'Alpha Prime', initials: 'AP', color: '#222222' })).toMatchObject({ id: a.id, name: 'Alpha Prime' });
    expectError(() => saveCoder(ctx, { id: b.id, name: 'Alpha Prime' }), 'conflict', /already a coder called “Alpha Prime”/);
  });
});
