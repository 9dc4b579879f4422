/** What a benchmark module reports: one row per measurement. Times are milliseconds. */
export interface BenchRow {
  /** "queries: FTS search (one word)". */
  name: string;
  median: number;
  runs: number;
  /** The plain SQLite statement that computes the same answer, measured the same way. */
  floor?: number;
  /** median / floor. */
  ratio?: number;
  /** The time the feature must beat. */
  target?: number;
  /** Largest acceptable ratio. */
  maxRatio?: number;
  /** 95th percentile, for measurements judged by their tail (frame times, round trips). */
  p95?: number;
  /** The time the p95 must beat. */
  targetP95?: number;
  /** Peak resident memory of the process measured (a worker), in MB. */
  peakRssMb?: number;
  /** The peak RSS the row must stay within, in MB. */
  maxPeakRssMb?: number;
  note?: string;
  /**
   * Why this run cannot say whether the row meets its target (a stall target
   * when an idle event loop, in the same run, already stalled longer than the
   * target). The row is shown as "n/a", neither passing nor failing.
   */
  cannotJudge?: string;
}

export interface BenchContext {
  /** bench-results/ (created): caches and latest.json live here. */
  resultsDir: string;
  log(message: string): void;
}

export interface BenchModule {
  name: string;
  run(ctx: BenchContext): Promise<BenchRow[]>;
}

/** Whether a row meets its targets; a row that cannot be judged in this run does not fail it (its "n/a" and note say why). */
export const passes = (r: BenchRow): boolean =>
  r.cannotJudge !== undefined ||
  (r.target === undefined || r.median <= r.target) &&
  (r.maxRatio === undefined || r.ratio === undefined || r.ratio <= r.maxRatio) &&
  (r.targetP95 === undefined || r.p95 === undefined || r.p95 <= r.targetP95) &&
  (r.maxPeakRssMb === undefined || r.peakRssMb === undefined || r.peakRssMb <= r.maxPeakRssMb);
