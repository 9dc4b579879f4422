/**
 * The coding comparison as the API returns it: the statistics of
 * shared/agreement with the project's codes and sources attached (ids,
 * paths, colours), and the disagreeing passages of one source.
 * Positions are code points, half-open.
 */
import type { AgreementReport, CodeAgreement, CodeSourceAgreement } from '../agreement/types.js';

/** What the UI says the statistics count. */
export const AGREEMENT_UNIT_LABEL = 'character (Unicode code point)';

export interface AgreementQuery {
  coderA: string;
  coderB: string;
  /** Codes to compare (own codings only, not their children's). Default: every code either coder used. */
  codeIds?: number[];
  /** Sources to compare. Default: all. */
  sourceIds?: number[];
  /** Leave out text neither coder coded for a code, so uncoded text does not inflate agreement. */
  excludeUncoded?: boolean;
  /** Coders for Krippendorff's alpha (two or more). Default: coderA and coderB. */
  alphaCoders?: string[];
}

export interface CodeAgreementRow extends CodeAgreement {
  codeId: number;
  color: string;
}

export interface CellAgreementRow extends CodeSourceAgreement {
  codeId: number;
  sourceId: number;
}

export interface AgreementResult extends Omit<AgreementReport, 'perCode' | 'perCodeSource' | 'skipped'> {
  unitLabel: typeof AGREEMENT_UNIT_LABEL;
  /** `sources` counts every source both coders coded, including those where neither applied the code. */
  perCode: CodeAgreementRow[];
  /** The code × source cells in which at least one of the coders applied the code (an empty cell only adds "neither"). */
  perCodeSource: CellAgreementRow[];
  /** Sources where both coders coded (the ones compared pairwise). */
  comparedSources: { id: number; name: string }[];
  /** Chosen sources left out because one of the two coders did not code them at all (missing data, not "uncoded"). */
  leftOut: { sourceId: number; source: string; missing: string[] }[];
}

export interface Span {
  start: number;
  end: number;
}

/**
 * A stretch of text where two coders' codings of one code differ: a connected
 * run of text that either coder coded, with each coder's version inside it.
 */
export interface DisagreementRegion {
  codeId: number;
  code: string;
  color: string;
  start: number;
  end: number;
  text: string;
  /** Coder A's coded spans inside [start, end). */
  a: Span[];
  b: Span[];
  /** Characters only A / only B coded in the region. */
  onlyA: number;
  onlyB: number;
}

export interface SourceDisagreements {
  sourceId: number;
  source: string;
  coderA: string;
  coderB: string;
  regions: DisagreementRegion[];
}

export interface AcceptResult {
  /** Whose codings were changed (the current coder). */
  coder: string;
  added: number;
  removed: number;
  changed: number;
}
