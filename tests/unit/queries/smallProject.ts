/**
 * A small purpose-built project whose query answers are worked out by hand
 * in the tests. Two sources of plain four-letter words, so positions are
 * easy to read:
 *
 *   S1 (case P, Group A): "aaaa bbbb cccc dddd\neeee ffff gggg\n"
 *        0    5    10   15  19 20   25   30  34
 *   S2 (case Q, Group B): "hhhh iiii\njjjj\n"
 *        0    5   9 10  14
 *
 * Codings (coder Tess Tester unless said):
 *   X   S1 [0,14) [25,34)   S2 [0,4)   and by "Second": S2 [10,14)
 *   Y   S1 [5,19)           S2 [5,9)
 *   Y/Yc S1 [20,24)
 *   Z   S1 [30,34)          S2 [10,14)
 */
import { saveCaseSet } from '../../../shared/services/caseSetService.js';
import { assignSource, createCase, defineAttribute, setCaseValue } from '../../../shared/services/caseService.js';
import { createCode } from '../../../shared/services/codeService.js';
import { applyCoding } from '../../../shared/services/codingService.js';
import type { ServiceContext } from '../../../shared/services/context.js';
import { addSource, newProject } from '../db/testProject.js';

export const S1_TEXT = 'aaaa bbbb cccc dddd\neeee ffff gggg\n';
export const S2_TEXT = 'hhhh iiii\njjjj\n';

export interface Small {
  ctx: ServiceContext;
  path: string;
  s1: number;
  s2: number;
  codes: { X: number; Y: number; Yc: number; Z: number };
  cases: { P: number; Q: number };
  close(): void;
}

export function smallProject(): Small {
  const { project, ctx, path } = newProject();
  const s1 = addSource(ctx, 'S1', S1_TEXT);
  const s2 = addSource(ctx, 'S2', S2_TEXT);
  const X = createCode(ctx, { path: 'X' });
  const Y = createCode(ctx, { path: 'Y' });
  const Yc = createCode(ctx, { path: 'Y/Yc' });
  const Z = createCode(ctx, { path: 'Z' });
  const code = (sourceId: number, start: number, end: number, codeId: number, c: ServiceContext = ctx) => applyCoding(c, { sourceId, start, end, codeId });
  code(s1, 0, 14, X);
  code(s1, 25, 34, X);
  code(s2, 0, 4, X);
  code(s2, 10, 14, X, { project, coderName: 'Second' });
  code(s1, 5, 19, Y);
  code(s2, 5, 9, Y);
  code(s1, 20, 24, Yc);
  code(s1, 30, 34, Z);
  code(s2, 10, 14, Z);
  const P = createCase(ctx, { name: 'P' });
  const Q = createCase(ctx, { name: 'Q' });
  assignSource(ctx, { sourceId: s1, caseId: P });
  assignSource(ctx, { sourceId: s2, caseId: Q });
  const group = defineAttribute(ctx, { name: 'Group', type: 'choice', choices: ['A', 'B'] });
  setCaseValue(ctx, { caseId: P, attributeId: group, raw: 'A' });
  setCaseValue(ctx, { caseId: Q, attributeId: group, raw: 'B' });
  saveCaseSet(ctx, { name: 'Only P', caseIds: [P] });
  saveCaseSet(ctx, { name: 'Group B', rule: { op: 'and', conditions: [{ attribute: 'Group', operator: '=', value: 'B' }] } });
  saveCaseSet(ctx, { name: 'Both', caseIds: [P, Q] });
  return { ctx, path, s1, s2, codes: { X, Y, Yc, Z }, cases: { P, Q }, close: () => project.close() };
}

/** Passages reduced to what the hand-worked answers name. */
export const spans = (list: { source: string; start: number; end: number; code: string }[]): string[] =>
  list.map((p) => `${p.source} ${p.code} ${p.start}-${p.end}`);
