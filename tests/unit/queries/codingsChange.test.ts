/**
 * The change uncode, resize, recode, uncode-selection and in vivo answer
 * with: a cache moved by it (the source's codings, its count, the code trees
 * for everyone and for the coder) equals a fresh read, over many random
 * changes by two coders in two sources, at leaves and at parents.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ProjectDb } from '../../../shared/db/projectDb.js';
import type { CodeNode, Coding, CodingsChange } from '../../../shared/domain/types.js';
import { mulberry32 } from '../../../shared/seededRandom.js';
import { codeTreeFor, createCode } from '../../../shared/services/codeService.js';
import { applyCoding, inVivoCoding, recodeCoding, removeCoding, resizeCoding, uncodeSelection } from '../../../shared/services/codingService.js';
import { withCodingsChange, withHistoryChange } from '../../../shared/services/codingsChange.js';
import { codingsForSource } from '../../../shared/store/codingsStore.js';
import { listSources } from '../../../shared/store/sourcesStore.js';
import { codingsAfterChange, treeAfterCountChange } from '../../../renderer/api/cachePatches.js';
import { addSource, newProject } from '../db/testProject.js';

const open: ProjectDb[] = [];
afterEach(() => {
  for (const p of open.splice(0)) p.close();
});

const TEXT = 'Lamps hum over the quay 🌊 while ferries wait; نسيم and salt drift past the harbour office. '.repeat(5);
const CODERS = ['Imke Varga', 'Tomasz Wren'];

describe('the change a coding edit answers with', () => {
  it('moves the cached codings, counts and trees exactly to a fresh read', () => {
    const made = newProject();
    open.push(made.project);
    const { ctx, project } = made;
    const db = project.db;
    const sources = [addSource(ctx, 'A', TEXT), addSource(ctx, 'B', TEXT)];
    const codes = ['Sea', 'Sea/Calm', 'Sea/Calm/Fog', 'Sea/Storm', 'Port'].map((path) => createCode(ctx, { path }));
    const length = [...TEXT].length;
    const r = mulberry32(4_211);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(r() * list.length)]!;
    const span = () => {
      const start = Math.floor(r() * (length - 40));
      return { start, end: start + 1 + Math.floor(r() * 40) };
    };
    const trees = new Map<string | undefined, CodeNode[]>([[undefined, codeTreeFor(db)], ...CODERS.map((c) => [c, codeTreeFor(db, c)] as const)]);
    const docs = new Map<number, Coding[]>(sources.map((id) => [id, codingsForSource(db, id)]));
    const counts = () => new Map(listSources(db).map((s) => [s.id, s.codingCount]));
    let cached = counts();
    const kinds = new Set<string>();
    let multi = 0;
    const checked = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const coderName = pick(CODERS);
      const c = { ...ctx, coderName };
      const sourceId = pick(sources);
      const all = codingsForSource(db, sourceId);
      const kind = all.length < 4 ? 'apply' : pick(['apply', 'remove', 'resize', 'recode', 'uncode', 'inVivo']);
      let change: CodingsChange | undefined;
      const target = pick(all.length ? all : [undefined]);
      if (kind === 'apply' || !target) {
        applyCoding(c, { sourceId, ...span(), codeId: pick(codes) });
        docs.set(sourceId, codingsForSource(db, sourceId));
        trees.forEach((_, who) => trees.set(who, codeTreeFor(db, who)));
        cached = counts();
        continue;
      }
      kinds.add(kind);
      if (kind === 'remove') change = withCodingsChange(db, sourceId, () => removeCoding(c, target.id)).change;
      if (kind === 'resize') change = withCodingsChange(db, sourceId, () => resizeCoding(c, { id: target.id, ...span() })).change;
      if (kind === 'recode') change = withCodingsChange(db, sourceId, () => recodeCoding(c, { id: target.id, codeId: pick(codes) })).change;
      if (kind === 'uncode') change = withCodingsChange(db, sourceId, () => uncodeSelection(c, { sourceId, codeId: target.codeId, ...span() })).change;
      let created = false;
      if (kind === 'inVivo') {
        const done = withCodingsChange(db, sourceId, () => inVivoCoding(c, { sourceId, ...span(), parentId: pick(codes), name: 'Fog' }));
        ({ change } = done);
        created = done.result.created;
      }
      if (!change) {
        // Several coders' codings changed: the views refetch.
        multi++;
        docs.set(sourceId, codingsForSource(db, sourceId));
        trees.forEach((_, who) => trees.set(who, codeTreeFor(db, who)));
        cached = counts();
        continue;
      }
      expect(change.sourceId).toBe(sourceId);
      docs.set(sourceId, codingsAfterChange(docs.get(sourceId)!, change));
      cached.set(sourceId, cached.get(sourceId)! + change.codings);
      trees.set(undefined, treeAfterCountChange(trees.get(undefined)!, change.countChange.all));
      if (change.coderName) trees.set(change.coderName, treeAfterCountChange(trees.get(change.coderName)!, change.countChange.coder));
      const what = `after ${kind} ${i}`;
      expect(docs.get(sourceId), what).toEqual(codingsForSource(db, sourceId));
      expect(cached, what).toEqual(counts());
      if (created) {
        // A new code is not in the cached trees: the app refetches them.
        trees.forEach((_, who) => trees.set(who, codeTreeFor(db, who)));
        continue;
      }
      checked.add(kind);
      for (const [who, tree] of trees) expect(tree, `${what} (${who ?? 'everyone'})`).toEqual(codeTreeFor(db, who));
    }
    expect([...kinds].sort()).toEqual(['inVivo', 'recode', 'remove', 'resize', 'uncode']);
    expect([...checked].sort()).toEqual(['inVivo', 'recode', 'remove', 'resize', 'uncode']);
    expect(multi).toBeLessThan(100);
  });

  it('undo and redo of a coding change say what they did to the codings; other steps say nothing', () => {
    const made = newProject();
    open.push(made.project);
    const { ctx, project } = made;
    const db = project.db;
    const history = project.history;
    const sourceId = addSource(ctx, 'A', TEXT);
    const codes = ['Sea', 'Sea/Calm', 'Port'].map((path) => createCode(ctx, { path }));
    const first = applyCoding(ctx, { sourceId, start: 0, end: 10, codeId: codes[1]! });
    applyCoding(ctx, { sourceId, start: 20, end: 30, codeId: codes[1]! });
    resizeCoding(ctx, { id: first.id, start: 0, end: 25 });
    recodeCoding(ctx, { id: first.id, codeId: codes[2]! });
    removeCoding(ctx, first.id);
    let doc = codingsForSource(db, sourceId);
    let tree = codeTreeFor(db);
    const step = (which: 'undo' | 'redo') => {
      const { change } = withHistoryChange(db, history.peek(which), () => (which === 'undo' ? history.undo() : history.redo()));
      expect(change, which).toBeDefined();
      doc = codingsAfterChange(doc, change!);
      tree = treeAfterCountChange(tree, change!.countChange.all);
      expect(doc, which).toEqual(codingsForSource(db, sourceId));
      expect(tree, which).toEqual(codeTreeFor(db));
    };
    // Uncode, recode, resize and the second coding (by a coder already known) undone, then redone.
    for (let i = 0; i < 4; i++) step('undo');
    for (let i = 0; i < 4; i++) step('redo');
    // Creating a code is not a change of codings alone.
    createCode(ctx, { path: 'Harbour' });
    expect(withHistoryChange(db, history.peek('undo'), () => history.undo()).change).toBeUndefined();
  });
});
