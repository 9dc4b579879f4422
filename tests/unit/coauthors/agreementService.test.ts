/**
 * The coding comparison on the demo study, checked against values computed
 * by hand from the fixture anchors (fixtures/demo-ict-cluster): coder A is
 * Ruth Ashworth, coder B Daniel Osei, unit = one character (code point).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDemoProject } from '../../../shared/demo/buildDemo.js';
import { ProjectDb } from '../../../shared/db/projectDb.js';
import { compareCoding, sourceDisagreements } from '../../../shared/services/agreementService.js';
import { compareCoders } from '../../../shared/agreement/compareCoders.js';
import { requireCodeByPath } from '../../../shared/services/codeService.js';
import { findSourceByName, getSourceText } from '../../../shared/store/sourcesStore.js';
import { codePointLength } from '../../../shared/text/positions.js';
import type Database from 'better-sqlite3';

const FIXTURE = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'demo-ict-cluster');
const A = 'Ruth Ashworth';
const B = 'Daniel Osei';
const anchors = (file: string, code: string): string[] =>
  (JSON.parse(readFileSync(join(FIXTURE, file), 'utf8')) as { codings: { codes: string[]; anchor: string }[] }).codings.filter((c) => c.codes.includes(code)).map((c) => c.anchor);

let db: Database.Database;
const len = codePointLength;

/** Cohen's kappa and % agreement from a 2×2 table, written out. */
function byHand(both: number, onlyA: number, onlyB: number, neither: number) {
  const n = both + onlyA + onlyB + neither;
  const po = (both + neither) / n;
  const pa = (both + onlyA) / n;
  const pb = (both + onlyB) / n;
  const pe = pa * pb + (1 - pa) * (1 - pb);
  return { percentAgreement: 100 * po, kappa: (po - pe) / (1 - pe) };
}

beforeAll(async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'quarry-agreement-')), 'demo.quarry');
  await buildDemoProject(path);
  db = ProjectDb.open(path, { readOnly: true, lock: false }).project.db;
});

describe('coding comparison on the demo study', () => {
  it('I1 × Motivations/Intermediaries: Daniel cut the first passage short (boundary disagreement)', () => {
    const code = 'Motivations/Intermediaries';
    const ruth = anchors('codings/I1.json', code);
    const daniel = anchors('coder2/I1.json', code);
    expect(ruth).toHaveLength(3);
    expect(ruth[0]!.startsWith(daniel[0]!)).toBe(true);
    const n = len(getSourceText(db, findSourceByName(db, 'I1')!.id)!);
    const both = len(daniel[0]!) + len(ruth[1]!) + len(ruth[2]!);
    const onlyA = len(ruth[0]!) - len(daniel[0]!);
    const neither = n - both - onlyA;
    // The numbers themselves: I1 has 4,719 code points; Ruth's three passages cover 455 of them, Daniel's version of the first is 31 shorter.
    expect({ n, both, onlyA }).toEqual({ n: 4719, both: 424, onlyA: 31 });

    const codeId = requireCodeByPath(db, code);
    const r = compareCoding(db, { coderA: A, coderB: B, codeIds: [codeId] });
    const cell = r.perCodeSource.find((c) => c.source === 'I1')!;
    expect(cell).toMatchObject({ agreeBoth: both, onlyA, onlyB: 0, neither });
    const hand = byHand(both, onlyA, 0, neither);
    expect(cell.percentAgreement).toBeCloseTo(hand.percentAgreement, 10);
    expect(cell.kappa).toBeCloseTo(hand.kappa, 10);
    // 4,688 of 4,719 characters agree; pe = (455·424 + 4264·4295) / 4719² → kappa ≈ 0.9611.
    expect(cell.percentAgreement).toBeCloseTo(99.3431, 3);
    expect(cell.kappa).toBeCloseTo(0.9611, 3);

    const ex = compareCoding(db, { coderA: A, coderB: B, codeIds: [codeId], excludeUncoded: true }).perCodeSource.find((c) => c.source === 'I1')!;
    expect(ex).toMatchObject({ agreeBoth: both, onlyA, onlyB: 0, neither: 0 });
    expect(ex.percentAgreement).toBeCloseTo((100 * both) / (both + onlyA), 10);
    // Of the 455 characters either coded, A coded all: p(A) = 1, so pe = p(B) = po and kappa = 0.
    expect(ex.kappa).toBeCloseTo(0, 12);
  });

  it('E2: a passage coded at a sibling code is a full disagreement for both codes', () => {
    const passage = anchors('codings/E2.json', 'Outcomes/Entrepreneurs/Disadvantages of same-sector meetings')[0]!;
    expect(anchors('coder2/E2.json', 'Outcomes/Entrepreneurs/Trust')).toEqual([passage]);
    const dis = requireCodeByPath(db, 'Outcomes/Entrepreneurs/Disadvantages of same-sector meetings');
    const trust = requireCodeByPath(db, 'Outcomes/Entrepreneurs/Trust');
    const e2 = findSourceByName(db, 'E2')!.id;
    const r = compareCoding(db, { coderA: A, coderB: B, codeIds: [dis, trust], sourceIds: [e2] });
    const n = len(getSourceText(db, e2)!);
    expect(r.perCodeSource.find((c) => c.codeId === dis)).toMatchObject({ agreeBoth: 0, onlyA: len(passage), onlyB: 0, neither: n - len(passage) });
    expect(r.perCodeSource.find((c) => c.codeId === trust)).toMatchObject({ agreeBoth: 0, onlyA: 0, onlyB: len(passage), neither: n - len(passage) });
    expect(r.perCodeSource.find((c) => c.codeId === dis)!.kappa).toBeCloseTo(0, 12); // po = 1 − p, pe = 1 − p as well
    // Pooled over the two codes: the same 2×2 cells summed.
    const pooled = byHand(0, len(passage), len(passage), 2 * (n - len(passage)));
    expect(r.percentAgreement).toBeCloseTo(pooled.percentAgreement, 10);
    expect(r.kappa).toBeCloseTo(pooled.kappa, 10);
  });

  it('Krippendorff’s alpha for one code, by hand from the coincidence counts', () => {
    const codeId = requireCodeByPath(db, 'Motivations/Intermediaries');
    const r = compareCoding(db, { coderA: A, coderB: B, codeIds: [codeId] });
    // Pairable characters: every character of the four sources both coders worked on.
    expect(r.comparedSources.map((c) => c.name).sort()).toEqual(['E2', 'E3', 'E4', 'I1']);
    const cells = r.perCodeSource;
    expect(cells.map((c) => c.source)).toEqual(['I1']);
    const total = r.comparedSources.reduce((n, c) => n + len(getSourceText(db, c.id)!), 0);
    const both = cells.reduce((s, c) => s + c.agreeBoth, 0);
    const disagree = cells.reduce((s, c) => s + c.onlyA + c.onlyB, 0);
    const neither = total - both - disagree;
    expect(r.perCode[0]!.neither).toBe(neither);
    const n1 = 2 * both + disagree;
    const n0 = 2 * neither + disagree;
    const values = n0 + n1;
    const alpha = 1 - ((values - 1) * disagree) / (n0 * n1);
    expect(r.perCode[0]!.alpha).toBeCloseTo(alpha, 10);
    expect(r.alpha).toBeCloseTo(alpha, 10);
  });

  it('leaves out, and lists, the sources one of the two never coded; excluding uncoded text lowers agreement', () => {
    const all = compareCoding(db, { coderA: A, coderB: B });
    expect(all.comparedSources.map((s) => s.name)).toEqual(['E2', 'E3', 'E4', 'I1']);
    expect(all.leftOut).toContainEqual({ sourceId: findSourceByName(db, 'I2')!.id, source: 'I2', missing: [B] });
    expect(all.perCode.every((c) => c.sources === 4)).toBe(true);
    expect(all.unitLabel).toBe('character (Unicode code point)');
    const ex = compareCoding(db, { coderA: A, coderB: B, excludeUncoded: true });
    expect(ex.percentAgreement!).toBeLessThan(all.percentAgreement!);
    expect(ex.kappa!).toBeLessThan(all.percentAgreement! / 100);
    // Empty cells are pooled inside the service; the figures equal those of the full grid of cells, built here naively.
    for (const exclude of [false, true]) {
      const got = compareCoding(db, { coderA: A, coderB: B, excludeUncoded: exclude });
      const codeIds = got.perCode.map((c) => c.codeId);
      const units = got.comparedSources.flatMap((s) =>
        codeIds.map((codeId) => {
          const spans = (coder: string) =>
            db
              .prepare(`SELECT start_pos AS start, end_pos AS "end" FROM codings WHERE source_id = ? AND code_id = ? AND coder_id = (SELECT id FROM users WHERE name = ?)`)
              .all(s.id, codeId, coder) as { start: number; end: number }[];
          return { source: s.name, sourceLength: len(getSourceText(db, s.id)!), code: String(codeId), coders: [A, B].map((coder) => ({ coder, spans: spans(coder) })) };
        }),
      );
      const full = compareCoders(units, A, B, [A, B], { excludeUncoded: exclude });
      expect(got.percentAgreement).toBeCloseTo(full.percentAgreement!, 10);
      expect(got.kappa).toBeCloseTo(full.kappa!, 10);
      expect(got.alpha).toBeCloseTo(full.alpha!, 10);
      expect(got.weightedMeanKappa).toBeCloseTo(full.weightedMeanKappa!, 10);
      for (const c of got.perCode) {
        const f = full.perCode.find((x) => x.code === String(c.codeId))!;
        expect({ both: c.agreeBoth, a: c.onlyA, b: c.onlyB, n: c.neither, s: c.sources }).toEqual({ both: f.agreeBoth, a: f.onlyA, b: f.onlyB, n: f.neither, s: f.sources });
        if (f.alpha === null) expect(c.alpha).toBeNull();
        else expect(c.alpha).toBeCloseTo(f.alpha, 10);
      }
      // Cells with a coding are listed; empty ones only add "neither".
      expect(got.perCodeSource.length).toBe(full.perCodeSource.filter((c) => c.agreeBoth + c.onlyA + c.onlyB > 0).length);
    }
  });

  it('refuses unknown coders and the same coder twice', () => {
    expect(() => compareCoding(db, { coderA: A, coderB: 'Nobody' })).toThrow(/no coder “Nobody”/);
    expect(() => compareCoding(db, { coderA: A, coderB: A })).toThrow(/two different coders/);
  });

  it('shows E4’s disagreeing passages side by side', () => {
    const e4 = findSourceByName(db, 'E4')!.id;
    const d = sourceDisagreements(db, { coderA: A, coderB: B, sourceId: e4 });
    const byCode = new Map(d.regions.map((r) => [r.code, r]));
    const trust = byCode.get('Outcomes/Entrepreneurs/Trust')!;
    expect(trust.text).toBe(anchors('codings/E4.json', 'Outcomes/Entrepreneurs/Trust')[0]);
    expect(trust.b).toEqual([]);
    expect(trust.a).toEqual([{ start: trust.start, end: trust.end }]);
    expect(byCode.get('Outcomes/Entrepreneurs/Articulating outcomes')!.onlyA).toBe(len(byCode.get('Outcomes/Entrepreneurs/Articulating outcomes')!.text));
    expect(byCode.get('Outcomes/Entrepreneurs/Disappointment')!.onlyB).toBeGreaterThan(0);
    // Sources of advice: only Ruth coded it (Daniel's files have none).
    expect(byCode.has('Sources of advice/Accountant or adviser')).toBe(true);
    expect(byCode.has('Motivations/Entrepreneurs/Discussing day-to-day issues')).toBe(false);
  });
});
