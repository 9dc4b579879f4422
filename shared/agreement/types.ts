/**
 * Inter-coder agreement: shared types.
 *
 * The unit of analysis is the CHARACTER (one Unicode code point): every
 * character of a source is, for each code, either coded or not coded by each
 * coder. Spans are half-open [start, end) code-point offsets, the same
 * positions Quarry stores for codings.
 */

/** A half-open [start, end) range of code-point offsets. */
export interface Span {
  start: number;
  end: number;
}

/** One coder's codings of one code in one source. Spans may overlap or touch; they are merged. */
export interface CoderSpans {
  coder: string;
  spans: Span[];
}

/**
 * One (source, code) cell. A coder who did not code this source at all is
 * OMITTED from `coders` (missing data); a coder who coded the source but never
 * applied this code is present with `spans: []`. The difference matters: the
 * first is excluded from the comparison, the second contributes "not coded"
 * for every character.
 *
 * Callers comparing coders across a project must supply a unit for every
 * (source, code) pair the coders worked on, including cells where nobody
 * applied the code, or that uncoded text silently drops out of the counts.
 */
export interface AgreementUnit {
  source: string;
  /** Length of the source text in code points. */
  sourceLength: number;
  code: string;
  coders: CoderSpans[];
}

export interface AgreementOptions {
  /**
   * Drop characters that no compared coder coded for the code (so `neither`
   * is 0). Without this, long uncoded stretches count as agreement and
   * inflate percentage agreement and, via the marginals, kappa.
   */
  excludeUncoded: boolean;
}

/** The 2×2 table of characters for two coders, one code. */
export interface TwoByTwo {
  /** Characters both coders coded. */
  agreeBoth: number;
  /** Characters only coder A coded. */
  onlyA: number;
  /** Characters only coder B coded. */
  onlyB: number;
  /** Characters neither coder coded (always 0 with excludeUncoded). */
  neither: number;
}

export interface PairStats extends TwoByTwo {
  /**
   * 100 × (agreeBoth + neither) / characters considered, on a 0–100 scale.
   * null when no characters were considered (empty source, or nothing coded
   * with excludeUncoded).
   */
  percentAgreement: number | null;
  /**
   * Cohen's kappa, (po − pe) / (1 − pe). null when no characters were
   * considered. When pe = 1 (both coders coded everything considered, or
   * nothing) kappa is formally 0/0; by convention (as NVivo does) it is 1
   * when po = 1 — which is always the case when pe = 1 for a 2×2 table —
   * and null otherwise.
   */
  kappa: number | null;
}

/** Each coder's references (queries/references.ts): their codings of the code merged into passages. */
export interface ReferenceCounts {
  referencesA: number;
  referencesB: number;
}

export interface CodeSourceAgreement extends PairStats, ReferenceCounts {
  code: string;
  source: string;
  sourceLength: number;
}

export interface CodeAgreement extends PairStats, ReferenceCounts {
  code: string;
  /**
   * Krippendorff's alpha (nominal, binary coded/not-coded per character) over
   * all the report's coders, pooled over this code's sources. null when
   * undefined (no variation or fewer than two pairable values).
   */
  alpha: number | null;
  /**
   * NVivo-style average: the per-source kappas weighted by the number of
   * characters considered in each source (= source length without
   * excludeUncoded). Secondary to the pooled `kappa`. (The same weighting
   * applied to percentage agreement gives exactly the pooled value, so it is
   * not reported separately.)
   */
  weightedMeanKappa: number | null;
  /** Number of sources in which both coders were present. */
  sources: number;
}

/** A (source, code) cell left out of the pair comparison because a coder was missing. */
export interface SkippedUnit {
  code: string;
  source: string;
  /** Which of the two compared coders did not code this source. */
  missing: string[];
}

/**
 * Result of comparing two coders. Headline figures (`percentAgreement`,
 * `kappa`, per-code figures) are POOLED: computed from 2×2 counts summed over
 * sources (and codes, for the overall figures), not averaged, so every
 * character weighs the same. Weighted means of per-source kappas are given
 * as `weightedMeanKappa` for comparison with NVivo.
 */
export interface AgreementReport extends PairStats {
  unit: 'character';
  excludeUncoded: boolean;
  coderA: string;
  coderB: string;
  /** Coders used for Krippendorff's alpha. */
  alphaCoders: string[];
  /** Krippendorff's alpha over `alphaCoders`, pooled over all codes and sources. */
  alpha: number | null;
  /** Per-source kappas weighted by characters considered, over all codes and sources. */
  weightedMeanKappa: number | null;
  perCode: CodeAgreement[];
  perCodeSource: CodeSourceAgreement[];
  skipped: SkippedUnit[];
}

/** A maximal run of characters that exactly one of the two coders coded. */
export interface Disagreement {
  start: number;
  end: number;
  codedBy: 'A' | 'B';
}
