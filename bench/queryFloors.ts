/**
 * The "floors" of the query benchmarks: plain SQLite statements that
 * compute the same answers as Quarry's queries, run through better-sqlite3
 * the ordinary way. A ratio of Quarry's time to its floor near 1 means the
 * query costs what the database work costs.
 */
import type Database from 'better-sqlite3';
import { streamRows4 } from '../shared/store/rowCollector.js';

/** Opening: the file with the same pragmas, and the counts the project info shows. Closing (untimed) leaves it as Quarry does. */
export function openFloor(Driver: typeof Database, path: string): { close(): void } {
  const db = new Driver(path, { fileMustExist: true });
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('temp_store = MEMORY');
  db.pragma('cache_size = -65536');
  db.prepare(
    `SELECT (SELECT count(*) FROM sources), (SELECT count(*) FROM cases), (SELECT count(*) FROM codes), (SELECT count(*) FROM codings), (SELECT count(*) FROM memos)`,
  ).get();
  return {
    close: () => {
      db.pragma('journal_mode = DELETE');
      db.close();
    },
  };
}

/** Search: the matching sources, every instance of the term (for the counts), and highlight() of the sources shown. */
export function searchFloor(db: Database.Database, ftsQuery: string, terms: string[], shownSources: number[]): number {
  db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp.floor_instances USING fts5vocab(main, source_fts, instance)`);
  const docs = db.prepare(`SELECT rowid FROM source_fts WHERE source_fts MATCH ?`).pluck().all(ftsQuery).length;
  let instances = 0;
  for (const t of terms) instances += db.prepare(`SELECT doc, offset FROM temp.floor_instances WHERE term = ?`).raw().all(t).length;
  const rows = db
    .prepare(`SELECT rowid, highlight(source_fts, 0, char(1), char(2)) FROM source_fts WHERE source_fts MATCH ? AND rowid IN (SELECT value FROM json_each(?))`)
    .raw()
    .all(ftsQuery, JSON.stringify(shownSources));
  return docs + instances + rows.length;
}

/** Coding query A AND B where ATTR = VALUE: every overlapping pair with its overlap's text. */
export function codingQueryFloor(db: Database.Database, a: number, b: number, attributeId: number, value: string): number {
  return db
    .prepare(
      `SELECT x.id, s.name, max(x.start_pos, y.start_pos) AS start, min(x.end_pos, y.end_pos) AS "end",
              substr(t.text, max(x.start_pos, y.start_pos) + 1, min(x.end_pos, y.end_pos) - max(x.start_pos, y.start_pos)) AS text
       FROM codes ca JOIN codings x ON x.code_id = ca.id
       JOIN sources s ON s.id = x.source_id
       JOIN attribute_values v ON v.case_id = s.case_id AND v.attribute_id = ? AND v.value = ?
       JOIN codings y ON y.source_id = x.source_id AND y.start_pos < x.end_pos AND y.end_pos > x.start_pos
       JOIN codes cb ON cb.id = y.code_id AND (cb.id = ? OR cb.parent_id = ?)
       JOIN source_text t ON t.source_id = x.source_id
       WHERE ca.id = ? OR ca.parent_id = ?`,
    )
    .all(attributeId, value, b, b, a, a).length;
}

/** References per cell (case × theme), per theme and in all: what the matrix floor computes, to be checked against Quarry's answer. */
export interface MatrixFloorResult {
  cells: Map<string, number>;
  colTotals: Map<number, number>;
  total: number;
}

/** How many references (overlapping or touching spans merged) a flat [start, end, start, end, …] list makes. */
function referencesIn(spans: number[]): number {
  const order = Array.from({ length: spans.length / 2 }, (_, i) => i).sort((a, b) => spans[2 * a]! - spans[2 * b]!);
  let count = 0;
  let reach = -1;
  for (const i of order) {
    if (spans[2 * i]! > reach) count++;
    reach = Math.max(reach, spans[2 * i + 1]!);
  }
  return count;
}

/**
 * Matrix cases × themes (each with its children), references and totals: the
 * same work as Quarry's matrix, done plainly. Two small statements give each
 * code's theme and each source's case; one reads every coding in source
 * order (the codings index); each source's spans are merged per theme into
 * references, added to the cell of the source's case. Row and column totals
 * add up the cells (no case is in two rows, and a reference is at one theme).
 * (Merging spans in SQL, a window over every coding, sorts all 200,000
 * codings and takes ten times as long as Quarry: no floor.)
 */
export function matrixFloor(db: Database.Database, themes: number[]): MatrixFloorResult {
  const themeOf = new Map(
    db
      .prepare(`SELECT id, coalesce(CASE WHEN id IN (SELECT value FROM json_each(@themes)) THEN id END, parent_id) FROM codes WHERE id IN (SELECT value FROM json_each(@themes)) OR parent_id IN (SELECT value FROM json_each(@themes))`)
      .raw()
      .all({ themes: JSON.stringify(themes) }) as [number, number][],
  );
  const caseOf = new Map(db.prepare(`SELECT id, case_id FROM sources WHERE case_id IS NOT NULL`).raw().all() as [number, number][]);
  const nt = themes.length;
  const position = new Map(themes.map((id, i) => [id, i]));
  const columnOf = new Map([...themeOf].map(([code, theme]) => [code, position.get(theme)!]));
  // Per source: each theme's spans, flat [start, end, …], reused from source to source.
  const spans: number[][] = themes.map(() => []);
  const touched: number[] = [];
  const cells = new Map<number, number>();
  const cols = new Array<number>(nt).fill(0);
  let total = 0;
  let source = -1;
  const flush = () => {
    const caseId = caseOf.get(source);
    for (const k of touched) {
      if (caseId !== undefined) {
        const n = referencesIn(spans[k]!);
        cells.set(caseId * nt + k, (cells.get(caseId * nt + k) ?? 0) + n);
        cols[k]! += n;
        total += n;
      }
      spans[k]!.length = 0;
    }
    touched.length = 0;
  };
  // Read the cheapest way better-sqlite3 allows, as Quarry reads them: no row object per coding (reading 200,000 rows as arrays costs more than Quarry's whole matrix).
  streamRows4(db, ['source_id', 'code_id', 'start_pos', 'end_pos'], 'FROM codings INDEXED BY codings_unique', [], (src, code, start, end) => {
    if (src !== source) {
      flush();
      source = src;
    }
    const k = columnOf.get(code);
    if (k === undefined) return;
    if (spans[k]!.length === 0) touched.push(k);
    spans[k]!.push(start, end);
  });
  flush();
  const out: MatrixFloorResult = { cells: new Map(), colTotals: new Map(), total };
  for (const [key, n] of cells) out.cells.set(`${Math.floor(key / nt)}:${themes[key % nt]}`, n);
  themes.forEach((id, k) => out.colTotals.set(id, cols[k]!));
  return out;
}

/** A framework matrix: its headers, its cells, and every linked passage with its text. */
export function frameworkFloor(db: Database.Database, matrixId: number): number {
  const headers = db.prepare(`SELECT * FROM framework_headers WHERE matrix_id = ? ORDER BY axis, position`).all(matrixId);
  const cells = db.prepare(`SELECT * FROM framework_cells WHERE matrix_id = ?`).all(matrixId);
  const links = db
    .prepare(
      `SELECT l.cell_id, g.id, s.name, c.name, g.start_pos, g.end_pos, substr(t.text, g.start_pos + 1, g.end_pos - g.start_pos), g.code_id, u.name, g.created_at
       FROM framework_cells f JOIN framework_cell_links l ON l.cell_id = f.id JOIN codings g ON g.id = l.coding_id
       JOIN sources s ON s.id = g.source_id JOIN source_text t ON t.source_id = s.id JOIN users u ON u.id = g.coder_id
       LEFT JOIN cases c ON c.id = s.case_id WHERE f.matrix_id = ?`,
    )
    .all(matrixId);
  return headers.length + cells.length + links.length;
}
