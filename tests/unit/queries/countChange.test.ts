/**
 * codings.apply's count change: the code tree moved by it equals the code
 * tree counted again from scratch — for everyone and for each coder — over
 * many random codings by two coders in two sources (overlapping, touching,
 * joining their own codings, already coded), at leaves and at parents.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ProjectDb } from '../../../shared/db/projectDb.js';
import type { CodeNode } from '../../../shared/domain/types.js';
import { mulberry32 } from '../../../shared/seededRandom.js';
import { codeTreeFor, createCode } from '../../../shared/services/codeService.js';
import { applyCodingWithCounts } from '../../../shared/services/codingCountChange.js';
import { treeAfterCountChange } from '../../../renderer/api/cachePatches.js';
import { addSource, newProject } from '../db/testProject.js';

const open: ProjectDb[] = [];
afterEach(() => {
  for (const p of open.splice(0)) p.close();
});

const TEXT = 'Ein Gespräch über Nähe 😀 und Vertrauen; ثقة and trust grow slowly between founders. '.repeat(6);
const CODERS = ['Imke Varga', 'Tomasz Wren'];

describe('count change of one coding', () => {
  it('moves every tree exactly to a full recount', () => {
    const made = newProject();
    open.push(made.project);
    const { ctx, project } = made;
    const sources = [addSource(ctx, 'A', TEXT), addSource(ctx, 'B', TEXT)];
    const codes = ['Trust', 'Trust/Early', 'Trust/Early/Doubt', 'Trust/Late', 'Help'].map((path) => createCode(ctx, { path }));
    const length = [...TEXT].length;
    const r = mulberry32(19_121);
    const trees = new Map<string | undefined, CodeNode[]>([[undefined, codeTreeFor(project.db)], ...CODERS.map((c) => [c, codeTreeFor(project.db, c)] as const)]);
    let changed = 0;
    for (let i = 0; i < 120; i++) {
      const coder = CODERS[Math.floor(r() * CODERS.length)]!;
      const start = Math.floor(r() * (length - 40));
      const end = start + 1 + Math.floor(r() * 40);
      const codeId = codes[Math.floor(r() * codes.length)]!;
      const result = applyCodingWithCounts({ ...ctx, coderName: coder }, { sourceId: sources[i % 2]!, start, end, codeId });
      if (result.alreadyCoded) {
        expect(result.countChange).toBeUndefined();
        continue;
      }
      changed++;
      const change = result.countChange!;
      trees.set(undefined, treeAfterCountChange(trees.get(undefined)!, change.all));
      trees.set(coder, treeAfterCountChange(trees.get(coder)!, change.coder));
      for (const [who, tree] of trees) expect(tree, `after coding ${i} (${who ?? 'everyone'})`).toEqual(codeTreeFor(project.db, who));
    }
    expect(changed).toBeGreaterThan(90);
  });
});
