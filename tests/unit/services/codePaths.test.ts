import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../cli/main.js';
import type { ProjectDb } from '../../../shared/db/projectDb.js';
import { escapeSegment, joinPath, splitPath } from '../../../shared/domain/codePath.js';
import { QuarryError } from '../../../shared/errors.js';
import {
  codeTree,
  createCode,
  ensureCodePath,
  findCodeByPath,
  flattenTree,
  pathOfCode,
  requireCodeByPath,
} from '../../../shared/services/codeService.js';
import { applyCoding, passages } from '../../../shared/services/codingService.js';
import { ensureCoder } from '../../../shared/services/coderService.js';
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

async function cli(argv: string[], cwd: string) {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => (out += t), err: (t) => (err += t), cwd, env: { QUARRY_CODER: 'Cli Coder' } });
  return { code, out, err };
}

const AWKWARD = ['Trust/Distrust', 'C:\\temp', 'ends with \\', '/', '\\', 'a\\/b', 'both / and \\ here', '😀/中文', 'plain'];

describe('code path escaping', () => {
  it('escapes "/" as "\\/" and "\\" as "\\\\"', () => {
    expect(escapeSegment('Trust/Distrust')).toBe('Trust\\/Distrust');
    expect(escapeSegment('C:\\temp')).toBe('C:\\\\temp');
    expect(joinPath(['Outcomes', 'Entrepreneurs', 'Trust'])).toBe('Outcomes/Entrepreneurs/Trust');
    expect(joinPath(['A/B', 'C'])).toBe('A\\/B/C');
    expect(splitPath('A\\/B/C')).toEqual(['A/B', 'C']);
    expect(splitPath('Outcomes/Entrepreneurs/Trust')).toEqual(['Outcomes', 'Entrepreneurs', 'Trust']);
  });

  it('round-trips awkward names through join and split', () => {
    for (const name of AWKWARD) {
      expect(splitPath(joinPath([name]))).toEqual([name]);
      expect(splitPath(joinPath(['Top', name, 'Leaf']))).toEqual(['Top', name, 'Leaf']);
    }
    expect(splitPath(joinPath(AWKWARD))).toEqual(AWKWARD);
  });

  it('round-trips random names (seeded)', () => {
    const alphabet = ['a', 'b', '/', '\\', ' ', 'é', '😀', '中'];
    let seed = 12345;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let round = 0; round < 500; round++) {
      const names = Array.from({ length: 1 + Math.floor(next() * 4) }, () => {
        let s = '';
        const n = 1 + Math.floor(next() * 6);
        for (let i = 0; i < n; i++) s += alphabet[Math.floor(next() * alphabet.length)];
        return s.trim() || 'x';
      });
      expect(splitPath(joinPath(names)), JSON.stringify(names)).toEqual(names);
    }
  });
});

describe('codes with "/" and "\\" in their names', () => {
  it('are created, found and listed by escaped path in the code tree', () => {
    const { ctx, project } = setup();
    const ids = AWKWARD.map((name) => createCode(ctx, { path: joinPath(['Root', name, 'Leaf']) }));
    const tree = codeTree(project.db);
    expect(tree).toHaveLength(1);
    const root = tree[0]!;
    expect(root.name).toBe('Root');
    expect(root.children.map((c) => c.name).sort()).toEqual([...AWKWARD].sort());
    for (const [i, name] of AWKWARD.entries()) {
      const path = joinPath(['Root', name, 'Leaf']);
      expect(findCodeByPath(project.db, path)).toBe(ids[i]);
      expect(pathOfCode(project.db, ids[i]!)).toBe(path);
      const node = flattenTree(tree).find((n) => n.id === ids[i])!;
      expect(node.path).toBe(path);
      expect(node.name).toBe('Leaf');
    }
    // "Trust/Distrust" is one level, not two
    expect(findCodeByPath(project.db, 'Root/Trust/Distrust/Leaf')).toBeUndefined();
    expect(findCodeByPath(project.db, 'Root/Trust\\/Distrust/Leaf')).toBe(ids[0]);
  });

  it('round-trip through `quarry codes add`, `quarry codes --json`, `quarry code` and `quarry codings --json`', async () => {
    const { path, project, ctx } = setup();
    addSource(ctx, 'S', 'Some text 😀 here.');
    project.close();
    const cwd = join(path, '..');
    for (const name of AWKWARD) {
      const r = await cli(['codes', 'add', 'p.quarry', joinPath(['Root', name])], cwd);
      expect(r.code, r.err).toBe(0);
    }
    const r = await cli(['codes', 'p.quarry', '--json'], cwd);
    expect(r.code).toBe(0);
    const listed = JSON.parse(r.out) as { name: string; path: string; children: { name: string; path: string }[] }[];
    expect(listed).toHaveLength(1);
    const kids = listed[0]!.children;
    expect(kids.map((k) => k.name).sort()).toEqual([...AWKWARD].sort());
    for (const k of kids) {
      expect(k.path).toBe(joinPath(['Root', k.name]));
      expect(splitPath(k.path)).toEqual(['Root', k.name]);
    }
    const coded = await cli(['code', 'p.quarry', 'S', '10', '11', 'Root/Trust\\/Distrust'], cwd);
    expect(coded.code, coded.err).toBe(0);
    const codings = await cli(['codings', 'p.quarry', '--code', 'Root/Trust\\/Distrust', '--json'], cwd);
    expect(codings.code, codings.err).toBe(0);
    expect(JSON.parse(codings.out)).toEqual([
      { source: 'S', case: null, start: 10, end: 11, text: '😀', code: 'Root/Trust\\/Distrust', coder: 'Cli Coder', time: null },
    ]);
  });
});

describe('ensureCodePath', () => {
  it('creates every missing parent and reports whether the leaf was new', () => {
    const { project } = setup();
    const db = project.db;
    const coder = ensureCoder(db, 'Me').id;
    const first = db.transaction(() => ensureCodePath(db, coder, 'A/B/C', { color: '#ABCDEF', description: 'leaf' }))();
    expect(first.created).toBe(true);
    expect(pathOfCode(db, first.id)).toBe('A/B/C');
    const a = requireCodeByPath(db, 'A');
    const b = requireCodeByPath(db, 'A/B');
    const rows = db.prepare(`SELECT id, parent_id AS parentId, name, color, description FROM codes ORDER BY id`).all();
    expect(rows).toEqual([
      { id: a, parentId: null, name: 'A', color: expect.stringMatching(/^#[0-9a-f]{6}$/), description: '' },
      { id: b, parentId: a, name: 'B', color: expect.stringMatching(/^#[0-9a-f]{6}$/), description: '' },
      { id: first.id, parentId: b, name: 'C', color: '#abcdef', description: 'leaf' },
    ]);
    const again = db.transaction(() => ensureCodePath(db, coder, 'A/B/C'))();
    expect(again).toEqual({ id: first.id, created: false });
    const sibling = db.transaction(() => ensureCodePath(db, coder, 'A/B/D'))();
    expect(sibling.created).toBe(true);
    expect(db.prepare(`SELECT count(*) FROM codes`).pluck().get()).toBe(4);
  });

  it('trims levels and refuses empty levels or a bad colour', () => {
    const { project } = setup();
    const db = project.db;
    const id = db.transaction(() => ensureCodePath(db, null, '  Spaced / Out  ')).call(null);
    expect(pathOfCode(db, id.id)).toBe('Spaced/Out');
    for (const bad of ['', 'A//B', 'A/ /B', '/A', 'A/']) {
      expect(() => ensureCodePath(db, null, bad), bad).toThrow(/needs a name/);
    }
    expect(() => ensureCodePath(db, null, 'X', { color: 'blue' })).toThrow(QuarryError);
    expect(findCodeByPath(db, 'X')).toBeUndefined();
  });

  it('createCode on an existing path updates its colour and description instead of failing', () => {
    const { ctx, project } = setup();
    const id = createCode(ctx, { path: 'P/Q' });
    expect(createCode(ctx, { path: 'P/Q', color: '#00FF00', description: 'now described' })).toBe(id);
    const node = flattenTree(codeTree(project.db)).find((n) => n.id === id)!;
    expect(node).toMatchObject({ color: '#00ff00', description: 'now described' });
  });

  it('applyCoding with a code path creates the code and its parents', () => {
    const { ctx, project } = setup();
    const s = addSource(ctx, 'S', 'abcdef');
    const c = applyCoding(ctx, { sourceId: s, start: 1, end: 3, codePath: 'New\\/ish/Deep/Leaf' });
    expect(pathOfCode(project.db, c.codeId)).toBe('New\\/ish/Deep/Leaf');
    expect(passages(project.db, { sourceId: s })[0]).toMatchObject({ code: 'New\\/ish/Deep/Leaf', text: 'bc' });
  });
});
