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
  /** Peak resident memory of the process that did the work (a worker's), in MB. */
  peakRssMb?: number;
  /** The peak RSS it must stay under, in MB. */
  maxPeakRssMb?: number;
  note?: string;
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

export const passes = (r: BenchRow): boolean =>
  (r.target === undefined || r.median <= r.target) &&
  (r.maxRatio === undefined || r.ratio === undefined || r.ratio <= r.maxRatio) &&
  (r.targetP95 === undefined || r.p95 === undefined || r.p95 <= r.targetP95) &&
  (r.maxPeakRssMb === undefined || r.peakRssMb === undefined || r.peakRssMb <= r.maxPeakRssMb);
