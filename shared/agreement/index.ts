/**
 * Inter-coder agreement statistics (character-level): percentage agreement,
 * Cohen's kappa and Krippendorff's alpha.
 */
export type {
  AgreementOptions,
  AgreementReport,
  AgreementUnit,
  CodeAgreement,
  CodeSourceAgreement,
  CoderSpans,
  Disagreement,
  PairStats,
  SkippedUnit,
  Span,
  TwoByTwo,
} from './types.js';
export { pairAgreement, statsFromCounts } from './pairAgreement.js';
export { krippendorffAlpha, type MeasurementLevel } from './krippendorffAlpha.js';
export { krippendorffAlphaNominal } from './intervalAlpha.js';
export { compareCoders } from './compareCoders.js';
export { disagreements } from './disagreements.js';
export { mergeSpans } from './spans.js';
