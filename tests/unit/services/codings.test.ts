import { codingsForSource } from '../../../shared/store/codingsStore.js';
import { afterEach, describe, expect, it } from 'vitest';
import type { ProjectDb } from '../../../shared/db/projectDb.js';
import { QuarryError } from '../../../shared/errors.js';
import { createCode } from '../../../shared/services/codeService.js';
import { applyCoding, passages, recodeCoding, removeCoding, resizeCoding, uncodeSelection } from '../../../shared/services/codingService.js';
import type { ServiceContext } from '../../../shared/services/context.js';
import { getDocument } from '../../../shared/services/sourceService.js';
import { countAll } from '../../../shared/store/metaStore.js';
import { codePointLength, sliceCodePoints } from '../../../shared/text/positions.js';
import { addSource, dumpTables, newProject } from '../db/testProject.js';

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

const TEXT = 'Ω 😀 “quoted” 中文𠀀 e\u0301 👩\u200d👩\u200d👧 🇬🇧 مرحبا שלום end.';

describe('applyCoding validation', () => {
  function fixture() {
    const made = setup();
    const sourceId = addSource(made.ctx, 'S', TEXT);
    const codeId = createCode(made.ctx, { path: 'Code' });
    return { ...made, sourceId, codeId, length: codePointLength(TEXT) };
  }

  it('accepts a span that ends exactly at the end of the text', () => {
    const { ctx, sourceId, codeId, length } = fixture();
    const c = applyCoding(ctx, { sourceId, start: length - 4, end: length, codeId });
    expect(c).toMatchObject({ sourceId, codeId, start: length - 4, end: length, coderName: 'Tess Tester' });
  });

  it('rejects start ≥ end, negative starts, non-integers and ends beyond the text — and changes nothing', () => {
    const { ctx, project, sourceId, codeId, length } = fixture();
    const before = dumpTables(project.db);
    expectError(() => applyCoding(ctx, { sourceId, start: 5, end: 5, codeId }), 'bad_request', /start \(5\) must be before the end \(5\)/);
    expectError(() => applyCoding(ctx, { sourceId, start: 6, end: 2, codeId }), 'bad_request', /start \(6\) must be before the end \(2\)/);
    expectError(() => applyCoding(ctx, { sourceId, start: -1, end: 2, codeId }), 'bad_request', /cannot be negative/);
    expectError(() => applyCoding(ctx, { sourceId, start: 0.5, end: 2, codeId }), 'bad_request', /whole numbers/);
    expectError(
      () => applyCoding(ctx, { sourceId, start: 0, end: length + 1, codeId }),
      'bad_request',
      new RegExp(`end \\(${length + 1}\\) is beyond the end of “S”, which has ${length} characters`),
    );
    // a path is not created when the span is bad
    expectError(() => applyCoding(ctx, { sourceId, start: 3, end: 1, codePath: 'Would/Be/New' }), 'bad_request', /before the end/);
    expect(dumpTables(project.db)).toEqual(before);
  });

  it('rejects an unknown source or code, and a coding with no code at all', () => {
    const { ctx, project, sourceId, codeId } = fixture();
    const before = dumpTables(project.db);
    expectError(() => applyCoding(ctx, { sourceId: 999, start: 0, end: 1, codeId }), 'not_found', /source no longer exists/);
    expectError(() => applyCoding(ctx, { sourceId, start: 0, end: 1, codeId: 999 }), 'not_found', /code no longer exists/);
    expectError(() => applyCoding(ctx, { sourceId, start: 0, end: 1 }), 'bad_request', /which code/);
    expectError(() => applyCoding(ctx, { sourceId, start: 0, end: 1, codePath: 'A//B' }), 'bad_request', /needs a name/);
    expect(dumpTables(project.db)).toEqual(before);
  });

  it('returns the existing coding when the same coder codes the same span again', () => {
    const { ctx, project, sourceId, codeId } = fixture();
    const a = applyCoding(ctx, { sourceId, start: 0, end: 3, codeId });
    const b = applyCoding(ctx, { sourceId, start: 0, end: 3, codeId });
    expect(b.id).toBe(a.id);
    expect(countAll(project.db).codings).toBe(1);
    // another coder gets their own coding of the same span
    const other: ServiceContext = { project, coderName: 'Second Coder' };
    expect(applyCoding(other, { sourceId, start: 0, end: 3, codeId }).id).not.toBe(a.id);
    expect(countAll(project.db).codings).toBe(2);
  });
});

describe('resize and recode', () => {
  function fixture() {
    const made = setup();
    const sourceId = addSource(made.ctx, 'S', 'abcdefghijklmnopqrstuvwxyz');
    const a = createCode(made.ctx, { path: 'A' });
    const b = createCode(made.ctx, { path: 'B' });
    return { ...made, sourceId, a, b };
  }

  it('resizes a coding; resized onto a span the same coder coded with that code, the two become one', () => {
    const { ctx, sourceId, a } = fixture();
    const c1 = applyCoding(ctx, { sourceId, start: 0, end: 3, codeId: a });
    const c2 = applyCoding(ctx, { sourceId, start: 5, end: 8, codeId: a });
    expect(resizeCoding(ctx, { id: c1.id, start: 1, end: 4 })).toMatchObject({ id: c1.id, start: 1, end: 4 });
    expect(resizeCoding(ctx, { id: c1.id, start: 5, end: 8 })).toMatchObject({ id: c1.id, start: 5, end: 8 });
    expect(codingsForSource(ctx.project.db, sourceId).map((c) => c.id)).not.toContain(c2.id);
    expectError(() => resizeCoding(ctx, { id: c1.id, start: 4, end: 4 }), 'bad_request', /before the end/);
    expectError(() => resizeCoding(ctx, { id: c1.id, start: 0, end: 27 }), 'bad_request', /beyond the end/);
    expectError(() => resizeCoding(ctx, { id: 999, start: 0, end: 1 }), 'not_found', /coding no longer exists/);
  });

  it('recodes a coding; onto a code where the same passage is already coded, the two collapse', () => {
    const { ctx, project, sourceId, a, b } = fixture();
    const c1 = applyCoding(ctx, { sourceId, start: 0, end: 3, codeId: a });
    const moved = recodeCoding(ctx, { id: c1.id, codeId: b });
    expect(moved).toMatchObject({ id: c1.id, codeId: b });
    const c2 = applyCoding(ctx, { sourceId, start: 0, end: 3, codeId: a });
    const collapsed = recodeCoding(ctx, { id: c2.id, codeId: b });
    expect(collapsed.id).toBe(c1.id);
    expect(countAll(project.db).codings).toBe(1);
    expectError(() => recodeCoding(ctx, { id: c1.id, codeId: 999 }), 'not_found', /code no longer exists/);
    expectError(() => recodeCoding(ctx, { id: 999, codeId: a }), 'not_found', /coding no longer exists/);
  });

  it('removes a coding, and uncodes every overlapping coding of a code in a selection', () => {
    const { ctx, project, sourceId, a, b } = fixture();
    const c1 = applyCoding(ctx, { sourceId, start: 0, end: 3, codeId: a });
    // Another coder's overlapping coding (one coder's own would merge into c1).
    applyCoding({ project, coderName: 'Second' }, { sourceId, start: 2, end: 6, codeId: a });
    applyCoding(ctx, { sourceId, start: 6, end: 9, codeId: a }); // touches the selection's end only
    applyCoding(ctx, { sourceId, start: 1, end: 5, codeId: b });
    expect(uncodeSelection(ctx, { sourceId, codeId: a, start: 1, end: 6 })).toBe(2);
    expect(passages(project.db, { codeId: a }).map((p) => [p.start, p.end])).toEqual([[6, 9]]);
    expect(passages(project.db, { codeId: b })).toHaveLength(1);
    expectError(() => removeCoding(ctx, c1.id), 'not_found', /coding no longer exists/);
  });
});

describe('coded passages', () => {
  it('carry exactly the code-point substring of the text, for emoji, CJK and RTL text', () => {
    const { ctx, project } = setup();
    const sourceId = addSource(ctx, 'Unicode', TEXT);
    const n = codePointLength(TEXT);
    const spans: [number, number][] = [];
    for (let s = 0; s < n; s += 3) for (const len of [1, 2, 5, 11]) if (s + len <= n) spans.push([s, s + len]);
    spans.push([0, n]);
    // One code per span: overlapping spans at one code would merge into one coding.
    spans.forEach(([start, end], i) => applyCoding(ctx, { sourceId, start, end, codePath: `All/${i}` }));
    const got = passages(project.db, { sourceId });
    expect(got).toHaveLength(spans.length);
    for (const p of got) {
      expect(p.text, `[${p.start}, ${p.end})`).toBe(sliceCodePoints(TEXT, p.start, p.end));
      expect(p).toMatchObject({ source: 'Unicode', case: null, coder: 'Tess Tester' });
      expect(p.code).toMatch(/^All\/\d+$/);
    }
    const doc = getDocument(project.db, sourceId);
    expect(doc.text).toBe(TEXT);
    expect(doc.characters).toBe(n);
    expect(doc.codings).toHaveLength(spans.length);
  });

  it('filter by code (with or without descendants), source and coder', () => {
    const { ctx, project } = setup();
    const s1 = addSource(ctx, 'One', 'first text here');
    const s2 = addSource(ctx, 'Two', 'second text here');
    const parent = createCode(ctx, { path: 'P' });
    const kid = createCode(ctx, { path: 'P/K' });
    applyCoding(ctx, { sourceId: s1, start: 0, end: 5, codeId: parent });
    applyCoding(ctx, { sourceId: s2, start: 0, end: 6, codeId: kid });
    applyCoding({ project, coderName: 'Other' }, { sourceId: s2, start: 7, end: 11, codeId: kid });
    expect(passages(project.db, { codeId: parent }).map((p) => p.text)).toEqual(['first']);
    expect(passages(project.db, { codeId: parent, includeChildren: true }).map((p) => p.text)).toEqual(['first', 'second', 'text']);
    expect(passages(project.db, { sourceId: s2 }).map((p) => p.code)).toEqual(['P/K', 'P/K']);
    expect(passages(project.db, { coderName: 'Other' }).map((p) => p.text)).toEqual(['text']);
    expectError(() => passages(project.db, { coderName: 'Nobody' }), 'not_found', /no coder “Nobody”/);
  });
});
