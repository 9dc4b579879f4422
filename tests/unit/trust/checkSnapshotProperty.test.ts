/**
 * Property: whatever rows another project file holds — right, wrong or
 * nonsense in any column — checkSnapshot answers without throwing, and
 * everything it lets through is what the API would accept and hangs
 * together: names and colours fit the contract's schemas, every reference
 * points at a row that is kept, every position lies inside its text, and
 * every rule compiles against the kept attributes without a problem.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codeNameSchema, coderNameSchema, colorSchema, nameSchema } from '../../../shared/api/methods/valueSchemas.js';
import { compileRule, type CaseSetRule } from '../../../shared/cases/caseSetRules.js';
import { checkSnapshot } from '../../../shared/foreign/checkSnapshot.js';
import { listCaseSetInfo } from '../../../shared/services/caseSetService.js';
import { caseSheet } from '../../../shared/services/caseSheetService.js';
import { planMerge } from '../../../shared/services/mergePlanner.js';
import { writeMergePlan } from '../../../shared/store/mergeStore.js';
import { readSnapshot, type RawSnapshot } from '../../../shared/store/snapshotStore.js';
import { newProject } from '../db/testProject.js';

const guid = fc.uuid({ version: 4 });
/** A value of the right kind most of the time, anything at all otherwise. */
const mostly = <T>(good: fc.Arbitrary<T>) => fc.oneof({ weight: 5, arbitrary: good }, { weight: 1, arbitrary: fc.anything() });
const id = fc.integer({ min: 1, max: 6 });
const optId = fc.option(id, { nil: null });
const name = fc.oneof(fc.constantFrom('A', 'B', 'Trust', 'Group', ' padded '), fc.string({ maxLength: 8 }), fc.constantFrom('', 'Tab\tname', 'x'.repeat(600)));
const color = fc.oneof(fc.constantFrom('#336699', '#ABCDEF'), fc.constantFrom('red; background:url(x)', '#12345', ''));
const pos = fc.integer({ min: -2, max: 40 });
const time = fc.constant('2025-01-01T00:00:00.000Z');
const rule = fc.oneof(
  fc.constant(JSON.stringify({ op: 'and', conditions: [{ attribute: 'Group', operator: '=', value: 'A' }] })),
  fc.constant(JSON.stringify({ op: 'or', conditions: [{ attribute: 'Shoe size', operator: '=', value: '1' }] })),
  fc.constant('not json'),
  fc.json(),
);

const rawSnapshot = fc.record({
  guid: mostly(guid),
  name: mostly(name),
  createdAt: mostly(time),
  users: fc.array(mostly(fc.record({ id, guid, name, initials: fc.constant('AB'), color, createdAt: time })), { maxLength: 4 }),
  codes: fc.array(mostly(fc.record({ id, guid, parentId: optId, name, color, description: fc.string(), sortOrder: fc.integer(), createdAt: time, createdBy: optId })), { maxLength: 6 }),
  sources: fc.array(
    mostly(
      fc.record({
        id, guid, name, characters: fc.integer({ min: 0, max: 30 }), contentHash: fc.string(), originName: fc.string(), originType: fc.constant('txt'),
        encoding: fc.constant('utf-8'), description: fc.string(), caseId: optId, createdAt: time, createdBy: optId,
      }),
    ),
    { maxLength: 4 },
  ),
  codings: fc.array(mostly(fc.record({ id, guid, sourceId: id, codeId: id, start: pos, end: pos, coderId: id, createdAt: time })), { maxLength: 8 }),
  memos: fc.array(
    mostly(
      fc.record({
        id, guid, target: fc.constantFrom('project', 'source', 'code', 'nonsense'), sourceId: optId, codeId: optId, codingId: optId, caseId: optId,
        start: fc.option(pos, { nil: null }), end: fc.option(pos, { nil: null }), title: fc.string(), body: fc.string(), authorId: optId, createdAt: time, modifiedAt: time,
      }),
    ),
    { maxLength: 4 },
  ),
  cases: fc.array(mostly(fc.record({ id, guid, name, description: fc.string(), createdAt: time })), { maxLength: 4 }),
  attributes: fc.array(
    mostly(
      fc.record({
        id, guid, name: fc.oneof(fc.constant('Group'), name), type: fc.constantFrom('text', 'choice', 'number', 'colour'),
        choices: fc.oneof(fc.constant('["A","B"]'), fc.constant('[]'), fc.constant('{"a":1}'), fc.json()), description: fc.string(), sortOrder: fc.integer(),
      }),
    ),
    { maxLength: 3 },
  ),
  values: fc.array(mostly(fc.record({ caseId: id, attributeId: id, kind: fc.constantFrom('value', 'unassigned', 'bogus'), value: fc.option(fc.constantFrom('A', 'B', '12', 'x'), { nil: null }) })), { maxLength: 6 }),
  caseSpans: fc.array(mostly(fc.record({ id, guid, caseId: id, sourceId: id, start: pos, end: pos, createdAt: time })), { maxLength: 4 }),
  caseSets: fc.array(mostly(fc.record({ id, guid, name, description: fc.string(), rule: fc.option(rule, { nil: null }), members: fc.array(id, { maxLength: 3 }) })), { maxLength: 3 }),
});

describe('checkSnapshot on any rows', () => {
  it('never throws, and lets through only rows the API would accept, all hanging together', () => {
    fc.assert(
      fc.property(rawSnapshot, (raw) => {
        const { snapshot: s } = checkSnapshot(raw as unknown as RawSnapshot);
        const ids = <T extends { id: number }>(rows: T[]) => new Set(rows.map((r) => r.id));
        const users = ids(s.users);
        const codes = ids(s.codes);
        const cases = ids(s.cases);
        const sources = new Map(s.sources.map((x) => [x.id, x.characters]));
        const attributes = ids(s.attributes);
        for (const u of s.users) expect(coderNameSchema.safeParse(u.name).success && colorSchema.safeParse(u.color).success).toBe(true);
        for (const c of s.codes) {
          expect(codeNameSchema.safeParse(c.name).success && colorSchema.safeParse(c.color).success).toBe(true);
          expect(c.parentId === null || codes.has(c.parentId)).toBe(true);
        }
        for (const x of [...s.sources, ...s.cases, ...s.attributes, ...s.caseSets]) expect(nameSchema.safeParse(x.name).success).toBe(true);
        for (const c of s.codings) {
          expect(codes.has(c.codeId) && users.has(c.coderId) && sources.has(c.sourceId)).toBe(true);
          expect(0 <= c.start && c.start < c.end && c.end <= sources.get(c.sourceId)!).toBe(true);
        }
        for (const x of s.caseSpans) expect(cases.has(x.caseId) && 0 <= x.start && x.start < x.end && x.end <= (sources.get(x.sourceId) ?? -1)).toBe(true);
        for (const v of s.values) expect(cases.has(v.caseId) && attributes.has(v.attributeId)).toBe(true);
        const codings = ids(s.codings);
        for (const m of s.memos) {
          const refs: [number | null, Set<number> | Map<number, number>][] = [[m.sourceId, sources], [m.codeId, codes], [m.codingId, codings], [m.caseId, cases]];
          for (const [ref, set] of refs) expect(ref === null || set.has(ref)).toBe(true);
        }
        for (const a of s.attributes) expect(Array.isArray(a.choices) && a.choices.every((c) => typeof c === 'string')).toBe(true);
        const defs = s.attributes.map((a) => (a.type === 'choice' ? { name: a.name, type: a.type, choices: a.choices } : { name: a.name, type: a.type }));
        for (const set of s.caseSets) {
          if (set.rule !== null) expect(compileRule(JSON.parse(set.rule) as CaseSetRule, defs).problems).toEqual([]);
          for (const m of set.members) expect(cases.has(m)).toBe(true);
        }
      }),
      { numRuns: 400, seed: 20251207 },
    );
  });

  it('a checked snapshot always merges, twice over: planned against the project and written without a constraint failing', () => {
    const { project } = newProject();
    try {
      const db = project.db;
      fc.assert(
        fc.property(rawSnapshot, (raw) => {
          const { snapshot } = checkSnapshot(raw as unknown as RawSnapshot);
          const chars = new Map(snapshot.sources.map((x) => [x.id, x.characters]));
          db.exec('SAVEPOINT property');
          try {
            const text = (id: number) => 'x'.repeat(chars.get(id) ?? 0);
            writeMergePlan(db, planMerge(readSnapshot(db), snapshot), text);
            // Again, now against a project that already holds it (matching, conflicts, "already present").
            writeMergePlan(db, planMerge(readSnapshot(db), snapshot), text);
            // What came in reads back: the lists the user sees work.
            listCaseSetInfo(db);
            caseSheet(db);
          } finally {
            db.exec('ROLLBACK TO property; RELEASE property');
          }
        }),
        { numRuns: 200, seed: 20251208 },
      );
    } finally {
      project.close();
    }
  });
});
