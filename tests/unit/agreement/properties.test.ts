/**
 * Property tests on seeded random interval sets: the span-based code must
 * match naive per-character counting, and how spans are split or repeated
 * must not matter.
 */
import { describe, expect, it } from 'vitest';
import { compareCoders, disagreements, krippendorffAlpha, krippendorffAlphaNominal, mergeSpans, pairAgreement } from '../../../shared/agreement/index.js';
import type { AgreementUnit, Disagreement, Span } from '../../../shared/agreement/index.js';
import { characterFlags, naiveCounts, naiveKappa, randomInt, randomUnits, reliabilityMatrix, rng } from './naiveAgreement.js';

const CODERS = ['A', 'B', 'C', 'D'];
const CASES = 150;

function expectSameAlpha(actual: number | null, expected: number | null): void {
  if (expected === null) expect(actual).toBeNull();
  else expect(actual).toBeCloseTo(expected, 9);
}

/** Same coverage, different spans: cut spans into overlapping pieces, repeat some, add empties, shuffle. */
function scramble(next: () => number, spans: Span[]): Span[] {
  const out: Span[] = [];
  for (const s of spans) {
    if (s.end - s.start >= 2 && next() < 0.5) {
      const cut = randomInt(next, s.start + 1, s.end - 1);
      out.push({ start: s.start, end: Math.min(s.end, cut + 1) }, { start: cut, end: s.end });
    } else out.push({ ...s });
    if (next() < 0.3) out.push({ ...s });
    if (next() < 0.2) out.push({ start: s.start, end: s.start });
  }
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(next, 0, i);
    [out[i], out[j]] = [out[j] as Span, out[i] as Span];
  }
  return out;
}

function naiveRuns(unit: AgreementUnit): Disagreement[] {
  const flags = characterFlags(unit);
  const a = flags.get('A') ?? [];
  const b = flags.get('B') ?? [];
  const runs: Disagreement[] = [];
  for (let i = 0; i < unit.sourceLength; i++) {
    if (a[i] === b[i]) continue;
    const codedBy = a[i] ? 'A' : 'B';
    const last = runs[runs.length - 1];
    if (last && last.end === i && last.codedBy === codedBy) last.end = i + 1;
    else runs.push({ start: i, end: i + 1, codedBy });
  }
  return runs;
}

describe('agreement properties on random interval sets', () => {
  it('pair statistics and disagreement runs equal naive per-character counting', () => {
    const next = rng(1);
    for (let k = 0; k < CASES; k++) {
      const [unit] = randomUnits(next, { sources: 1, codes: 1, coders: ['A', 'B'], maxLength: 60, maxSpans: 5, presence: 1 });
      if (!unit) throw new Error('generator returned no unit');
      for (const excludeUncoded of [false, true]) {
        const s = pairAgreement(unit, 'A', 'B', { excludeUncoded });
        const t = naiveCounts(unit, 'A', 'B', excludeUncoded);
        expect({ agreeBoth: s.agreeBoth, onlyA: s.onlyA, onlyB: s.onlyB, neither: s.neither }).toEqual(t);
        const kappa = naiveKappa(t);
        if (kappa === null) expect(s.kappa).toBeNull();
        else expect(s.kappa).toBeCloseTo(kappa, 9);
      }
      expect(disagreements(unit, 'A', 'B')).toEqual(naiveRuns(unit));
    }
  });

  it('segment-based alpha equals the general alpha over one recording unit per character', () => {
    const next = rng(2);
    let defined = 0;
    for (let k = 0; k < CASES; k++) {
      const units = randomUnits(next, { sources: randomInt(next, 1, 3), codes: randomInt(next, 1, 3), coders: CODERS, maxLength: 30, maxSpans: 4, presence: 0.75 });
      const coders = CODERS.slice(0, randomInt(next, 2, 4));
      for (const excludeUncoded of [false, true]) {
        const viaSegments = krippendorffAlphaNominal(units, coders, { excludeUncoded });
        const naive = krippendorffAlpha(reliabilityMatrix(units, coders, excludeUncoded), 'nominal');
        expectSameAlpha(viaSegments, naive);
        if (naive !== null) defined++;
      }
    }
    // The generator must mostly produce cases where alpha is defined, or this proves little.
    expect(defined).toBeGreaterThan(CASES);
  });

  it('merging overlapping, repeated or split spans does not change any statistic', () => {
    const next = rng(3);
    for (let k = 0; k < CASES; k++) {
      const units = randomUnits(next, { sources: 2, codes: 2, coders: ['A', 'B', 'C'], maxLength: 50, maxSpans: 5, presence: 0.9 });
      const merged = units.map((u) => ({ ...u, coders: u.coders.map((c) => ({ coder: c.coder, spans: [...mergeSpans(c.spans)] })) }));
      const scrambled = units.map((u) => ({ ...u, coders: u.coders.map((c) => ({ coder: c.coder, spans: scramble(next, c.spans) })) }));
      for (const excludeUncoded of [false, true]) {
        const opts = { excludeUncoded };
        const base = compareCoders(units, 'A', 'B', ['A', 'B', 'C'], opts);
        expect(compareCoders(merged, 'A', 'B', ['A', 'B', 'C'], opts)).toEqual(base);
        expect(compareCoders(scrambled, 'A', 'B', ['A', 'B', 'C'], opts)).toEqual(base);
      }
      for (const [i, u] of units.entries()) {
        if (u.coders.length === 3) expect(disagreements(scrambled[i] as AgreementUnit, 'A', 'B')).toEqual(disagreements(u, 'A', 'B'));
      }
    }
  });

  it('mergeSpans returns sorted, disjoint, non-touching, non-empty spans with the same coverage', () => {
    const next = rng(4);
    for (let k = 0; k < CASES; k++) {
      const length = randomInt(next, 0, 40);
      const spans = Array.from({ length: randomInt(next, 0, 8) }, () => {
        const start = randomInt(next, 0, length);
        return { start, end: randomInt(next, start, length) };
      });
      const merged = mergeSpans(spans);
      for (let i = 0; i < merged.length; i++) {
        const s = merged[i] as Span;
        expect(s.end).toBeGreaterThan(s.start);
        if (i > 0) expect(s.start).toBeGreaterThan((merged[i - 1] as Span).end);
      }
      const covered = (list: readonly Span[]) => Array.from({ length }, (_, x) => list.some((s) => s.start <= x && x < s.end));
      expect(covered(merged)).toEqual(covered(spans));
    }
  });

  it('never walks characters: a two-billion-character source is handled from its span boundaries', () => {
    const L = 2_000_000_000;
    const unit: AgreementUnit = {
      source: 'huge',
      sourceLength: L,
      code: 'c',
      coders: [
        { coder: 'A', spans: [{ start: 0, end: 1_000_000_000 }] },
        { coder: 'B', spans: [{ start: 500_000_000, end: 1_500_000_000 }] },
      ],
    };
    // Four equal cells of 5e8, as in the 20-character hand example: po = .5, pe = .5, kappa = 0.
    // Alpha (m = 2): each of the 1e9 disagreeing characters adds 1 to o01, so o01 = 1e9;
    // n0 = n1 = 2e9, n = 4e9: alpha = 1 − (4e9 − 1)·1e9/(2e9·2e9)
    const s = pairAgreement(unit, 'A', 'B', { excludeUncoded: false });
    expect(s).toEqual({ agreeBoth: 5e8, onlyA: 5e8, onlyB: 5e8, neither: 5e8, percentAgreement: 50, kappa: 0 });
    expect(krippendorffAlphaNominal([unit], ['A', 'B'], { excludeUncoded: false })).toBeCloseTo(1 - ((4e9 - 1) * 1e9) / (2e9 * 2e9), 12);
  });
});
