/** What a cleaned copy holds compared with the file it was made from. */
export interface CleanedTable {
  name: string;
  /** Rows now in the cleaned copy. */
  copied: number;
  /** Rows of the file that Quarry's own rules refused (wrong type, broken link, duplicate…). */
  skipped: number;
  /** Why the table was not copied, or copied only in part, in plain words. */
  problem?: string;
}

export interface CleanedCopyReport {
  /** The new project file. */
  path: string;
  /** The file it was made from (left untouched). */
  from: string;
  tables: CleanedTable[];
  /** What the file held that Quarry did not copy (triggers, views, extra tables, changed definitions…). */
  leftOut: string[];
}
