/**
 * Framework matrices on the small project: create, edit headers and cells,
 * link and unlink passages, candidates beside a cell, undo and redo, and
 * links that follow their codings.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { frameworkCellCandidates } from '../../../shared/queries/frameworkCandidates.js';
import {
  createFramework,
  deleteFramework,
  getFramework,
  getFrameworkCell,
  linkPassages,
  listFrameworks,
  setFrameworkCell,
  setFrameworkHeaders,
  unlinkPassages,
  updateFramework,
} from '../../../shared/queries/frameworkMatrix.js';
import { removeCoding } from '../../../shared/services/codingService.js';
import { codingsForSource } from '../../../shared/store/codingsStore.js';
import { smallProject, spans, type Small } from './smallProject.js';

let s: Small;
beforeEach(() => {
  s = smallProject();
});
afterEach(() => s.close());

const make = () =>
  createFramework(s.ctx, {
    name: 'Cases by theme',
    caption: 'Table 1',
    rows: [{ caseName: 'P' }, { caseName: 'Q' }, { label: 'Overall' }],
    cols: [{ codePath: 'X' }, { label: 'Why', codePath: 'Y' }],
  });

describe('framework matrices', () => {
  it('are created with rows and columns from cases, codes and labels', () => {
    const m = make();
    expect(m.rows.map((r) => [r.label, r.caseName, r.codePath])).toEqual([
      ['P', 'P', null],
      ['Q', 'Q', null],
      ['Overall', null, null],
    ]);
    expect(m.cols.map((c) => [c.label, c.codePath])).toEqual([
      ['X', 'X'],
      ['Why', 'Y'],
    ]);
    expect(m.cells).toEqual([]);
    expect(listFrameworks(s.ctx.project.db).map((f) => [f.name, f.rows.length, f.cols.length, f.filledCells])).toEqual([['Cases by theme', 3, 2, 0]]);
  });

  it('refuses duplicate names, unknown codes and cases, and empty headers', () => {
    make();
    expect(() => make()).toThrow(/already a framework matrix called “Cases by theme”/);
    expect(() => createFramework(s.ctx, { name: 'B', rows: [{ caseName: 'Nope' }], cols: [] })).toThrow(/no case “Nope”/);
    expect(() => createFramework(s.ctx, { name: 'B', rows: [], cols: [{ codePath: 'W' }] })).toThrow(/no code “W”/);
    expect(() => createFramework(s.ctx, { name: 'B', rows: [{ label: ' ' }], cols: [] })).toThrow(/needs a label/);
    expect(() => createFramework(s.ctx, { name: ' ', rows: [], cols: [] })).toThrow(/needs a name/);
  });

  it('holds summaries and linked passages per cell, undoably', () => {
    const m = make();
    const ref = { matrixId: m.id, rowId: m.rows[0]!.id, colId: m.cols[0]!.id };
    setFrameworkCell(s.ctx, { ...ref, summary: 'Joined for leads.\r\n- one\n- two' });
    const x = codingsForSource(s.ctx.project.db, s.s1).filter((c) => c.codeId === s.codes.X);
    const cell = linkPassages(s.ctx, { ...ref, codingIds: x.map((c) => c.id) });
    expect(cell.summary).toBe('Joined for leads.\n- one\n- two');
    expect(spans(cell.links)).toEqual(['S1 X 0-14', 'S1 X 25-34']);
    expect(cell.links[0]).toMatchObject({ case: 'P', text: 'aaaa bbbb cccc' });
    expect(getFramework(s.ctx.project.db, m.id).cells.map((c) => [c.rowId, c.colId, c.links.length])).toEqual([[ref.rowId, ref.colId, 2]]);
    expect(unlinkPassages(s.ctx, { ...ref, codingIds: [x[0]!.id] }).links).toHaveLength(1);
    s.ctx.project.history.undo();
    expect(getFrameworkCell(s.ctx.project.db, ref).links).toHaveLength(2);
    s.ctx.project.history.undo();
    s.ctx.project.history.undo();
    expect(getFrameworkCell(s.ctx.project.db, ref)).toMatchObject({ summary: '', links: [] });
    s.ctx.project.history.redo();
    expect(getFrameworkCell(s.ctx.project.db, ref).summary).toBe('Joined for leads.\n- one\n- two');
  });

  it('drops a link when its coding goes, and brings it back on undo', () => {
    const m = make();
    const ref = { matrixId: m.id, rowId: m.rows[1]!.id, colId: m.cols[1]!.id };
    const y = codingsForSource(s.ctx.project.db, s.s2).find((c) => c.codeId === s.codes.Y)!;
    linkPassages(s.ctx, { ...ref, codingIds: [y.id] });
    removeCoding(s.ctx, y.id);
    expect(getFrameworkCell(s.ctx.project.db, ref).links).toEqual([]);
    s.ctx.project.history.undo();
    expect(spans(getFrameworkCell(s.ctx.project.db, ref).links)).toEqual(['S2 Y 5-9']);
    expect(() => linkPassages(s.ctx, { ...ref, codingIds: [99999] })).toThrow(/no longer coded/);
  });

  it('offers the passages that fit the cell’s row and column', () => {
    const m = make();
    const cand = (r: number, c: number) =>
      frameworkCellCandidates(s.ctx.project.db, { matrixId: m.id, rowId: m.rows[r]!.id, colId: m.cols[c]!.id });
    // Case P × theme Y (with its child): Y and Yc in S1.
    expect(spans(cand(0, 1))).toEqual(['S1 Y 5-19', 'S1 Y/Yc 20-24']);
    // Case Q × X, both coders.
    expect(spans(cand(1, 0))).toEqual(['S2 X 0-4', 'S2 X 10-14']);
    // A label row asks nothing: every passage of the column's code.
    expect(spans(cand(2, 0))).toEqual(['S1 X 0-14', 'S1 X 25-34', 'S2 X 0-4', 'S2 X 10-14']);
    const ref = { matrixId: m.id, rowId: m.rows[1]!.id, colId: m.cols[0]!.id };
    linkPassages(s.ctx, { ...ref, codingIds: [cand(1, 0)[0]!.codingId] });
    expect(cand(1, 0).map((p) => p.linked)).toEqual([true, false]);
    expect(frameworkCellCandidates(s.ctx.project.db, { ...ref, coder: 'Second' }).map((p) => p.coder)).toEqual(['Second']);
  });

  it('offers passages of either theme from cases that have both (theme × theme)', () => {
    const m = createFramework(s.ctx, { name: 'Themes', rows: [{ codePath: 'Z' }], cols: [{ codePath: 'Y/Yc' }, { codePath: 'X' }] });
    const cand = (c: number) => spans(frameworkCellCandidates(s.ctx.project.db, { matrixId: m.id, rowId: m.rows[0]!.id, colId: m.cols[c]!.id }));
    // Only case P has both Z and Yc.
    expect(cand(0)).toEqual(['S1 Y/Yc 20-24', 'S1 Z 30-34']);
    expect(cand(1)).toEqual(['S1 X 0-14', 'S1 X 25-34', 'S1 Z 30-34', 'S2 X 0-4', 'S2 X 10-14', 'S2 Z 10-14']);
  });

  it('edits headers keeping their cells, removes cells with their headers, renames and deletes', () => {
    const m = make();
    const keep = { matrixId: m.id, rowId: m.rows[0]!.id, colId: m.cols[0]!.id };
    const lost = { matrixId: m.id, rowId: m.rows[2]!.id, colId: m.cols[0]!.id };
    setFrameworkCell(s.ctx, { ...keep, summary: 'kept' });
    setFrameworkCell(s.ctx, { ...lost, summary: 'lost' });
    const edited = setFrameworkHeaders(s.ctx, { id: m.id, axis: 'row', headers: [{ label: 'New' }, { id: m.rows[0]!.id, label: 'P (renamed)', caseName: 'P' }] });
    expect(edited.rows.map((r) => r.label)).toEqual(['New', 'P (renamed)']);
    expect(edited.cells.map((c) => c.summary)).toEqual(['kept']);
    expect(updateFramework(s.ctx, { id: m.id, name: 'Renamed', caption: 'C' })).toMatchObject({ name: 'Renamed', caption: 'C' });
    deleteFramework(s.ctx, m.id);
    expect(listFrameworks(s.ctx.project.db)).toEqual([]);
    s.ctx.project.history.undo();
    expect(getFramework(s.ctx.project.db, m.id).cells.map((c) => c.summary)).toEqual(['kept']);
  });

  it('clearing a cell leaves no empty cell behind', () => {
    const m = make();
    const ref = { matrixId: m.id, rowId: m.rows[0]!.id, colId: m.cols[0]!.id };
    setFrameworkCell(s.ctx, { ...ref, summary: 'x' });
    setFrameworkCell(s.ctx, { ...ref, summary: '' });
    expect(s.ctx.project.db.prepare('SELECT count(*) FROM framework_cells').pluck().get()).toBe(0);
  });
});
