/**
 * The "floors" of the query benchmarks: plain SQLite statements that
 * compute the same answers as Quarry's queries, run through better-sqlite3
 * the ordinary way. A ratio of Quarry's time to its floor near 1 means the
 * query costs what the database work costs.
 */
import type Database from 'better-sqlite3';

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

/** Matrix cases × themes (each with its children): distinct passages per cell, per row and per column. */
export function matrixFloor(db: Database.Database, themes: number[]): number {
  const base = `
    WITH col(code_id, col) AS MATERIALIZED (
      SELECT id, id FROM codes WHERE id IN (SELECT value FROM json_each(@themes))
      UNION ALL SELECT id, parent_id FROM codes WHERE parent_id IN (SELECT value FROM json_each(@themes)))`;
  const from = `FROM col m JOIN codings g ON g.code_id = m.code_id JOIN sources s ON s.id = g.source_id`;
  const themesJson = JSON.stringify(themes);
  const cells = db
    .prepare(`${base} SELECT c, k, count(*) FROM (SELECT DISTINCT s.case_id c, m.col k, g.source_id, g.start_pos, g.end_pos ${from}) GROUP BY c, k`)
    .raw()
    .all({ themes: themesJson });
  const rows = db
    .prepare(`${base} SELECT c, count(*) FROM (SELECT DISTINCT s.case_id c, g.source_id, g.start_pos, g.end_pos ${from}) GROUP BY c`)
    .raw()
    .all({ themes: themesJson });
  const cols = db
    .prepare(`${base} SELECT k, count(*) FROM (SELECT DISTINCT m.col k, g.source_id, g.start_pos, g.end_pos ${from}) GROUP BY k`)
    .raw()
    .all({ themes: themesJson });
  return cells.length + rows.length + cols.length;
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
