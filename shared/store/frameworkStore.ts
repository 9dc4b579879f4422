import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { nowIso, stmt } from './statements.js';

export interface MatrixRow {
  id: number;
  guid: string;
  name: string;
  caption: string;
  createdAt: string;
  modifiedAt: string;
}

export interface HeaderRow {
  id: number;
  matrixId: number;
  axis: 'row' | 'column';
  position: number;
  label: string;
  codeId: number | null;
  caseId: number | null;
  caseName: string | null;
}

export interface CellRow {
  id: number;
  rowId: number;
  colId: number;
  summary: string;
  modifiedAt: string;
}

export interface LinkedPassageRow {
  cellId: number;
  codingId: number;
  sourceId: number;
  source: string;
  case: string | null;
  start: number;
  end: number;
  text: string;
  codeId: number;
  coder: string;
  createdAt: string;
}

const MATRIX = `SELECT id, guid, name, caption, created_at AS createdAt, modified_at AS modifiedAt FROM framework_matrices`;

export function listMatrices(db: Database.Database): MatrixRow[] {
  return stmt(db, `${MATRIX} ORDER BY name COLLATE NOCASE, id`).all() as MatrixRow[];
}

export function getMatrix(db: Database.Database, id: number): MatrixRow | undefined {
  return stmt(db, `${MATRIX} WHERE id = ?`).get(id) as MatrixRow | undefined;
}

export function findMatrixByName(db: Database.Database, name: string): MatrixRow | undefined {
  return stmt(db, `${MATRIX} WHERE name = ?`).get(name) as MatrixRow | undefined;
}

export function insertMatrix(db: Database.Database, m: { name: string; caption: string; guid?: string }): number {
  const now = nowIso();
  return Number(
    stmt(db, `INSERT INTO framework_matrices(guid, name, caption, created_at, modified_at) VALUES (?, ?, ?, ?, ?)`).run(
      m.guid ?? randomUUID(),
      m.name,
      m.caption,
      now,
      now,
    ).lastInsertRowid,
  );
}

export function updateMatrix(db: Database.Database, id: number, m: { name: string; caption: string }): void {
  stmt(db, `UPDATE framework_matrices SET name = ?, caption = ?, modified_at = ? WHERE id = ?`).run(m.name, m.caption, nowIso(), id);
}

export function touchMatrix(db: Database.Database, id: number): void {
  stmt(db, `UPDATE framework_matrices SET modified_at = ? WHERE id = ?`).run(nowIso(), id);
}

export function deleteMatrix(db: Database.Database, id: number): void {
  stmt(db, `DELETE FROM framework_matrices WHERE id = ?`).run(id);
}

const HEADER = `
  SELECT h.id, h.matrix_id AS matrixId, h.axis, h.position, h.label, h.code_id AS codeId, h.case_id AS caseId, c.name AS caseName
  FROM framework_headers h LEFT JOIN cases c ON c.id = h.case_id`;

export function listHeaders(db: Database.Database, matrixId?: number): HeaderRow[] {
  if (matrixId === undefined) return stmt(db, `${HEADER} ORDER BY h.matrix_id, h.axis DESC, h.position, h.id`).all() as HeaderRow[];
  return stmt(db, `${HEADER} WHERE h.matrix_id = ? ORDER BY h.axis DESC, h.position, h.id`).all(matrixId) as HeaderRow[];
}

export function insertHeader(
  db: Database.Database,
  h: { matrixId: number; axis: 'row' | 'column'; position: number; label: string; codeId: number | null; caseId: number | null },
): number {
  return Number(
    stmt(db, `INSERT INTO framework_headers(guid, matrix_id, axis, position, label, code_id, case_id) VALUES (?, ?, ?, ?, ?, ?, ?)`).run(
      randomUUID(),
      h.matrixId,
      h.axis,
      h.position,
      h.label,
      h.codeId,
      h.caseId,
    ).lastInsertRowid,
  );
}

export function updateHeader(db: Database.Database, id: number, h: { position: number; label: string; codeId: number | null; caseId: number | null }): void {
  stmt(
    db,
    `UPDATE framework_headers SET position = ?, label = ?, code_id = ?, case_id = ?
     WHERE id = ? AND (position IS NOT ? OR label IS NOT ? OR code_id IS NOT ? OR case_id IS NOT ?)`,
  ).run(h.position, h.label, h.codeId, h.caseId, id, h.position, h.label, h.codeId, h.caseId);
}

export function deleteHeader(db: Database.Database, id: number): void {
  stmt(db, `DELETE FROM framework_headers WHERE id = ?`).run(id);
}

const CELL = `SELECT id, row_id AS rowId, column_id AS colId, summary, modified_at AS modifiedAt FROM framework_cells`;

export function listCells(db: Database.Database, matrixId: number): CellRow[] {
  return stmt(db, `${CELL} WHERE matrix_id = ?`).all(matrixId) as CellRow[];
}

export function findCell(db: Database.Database, rowId: number, colId: number): CellRow | undefined {
  return stmt(db, `${CELL} WHERE row_id = ? AND column_id = ?`).get(rowId, colId) as CellRow | undefined;
}

/** The cell's id, created empty if missing. */
export function ensureCell(db: Database.Database, matrixId: number, rowId: number, colId: number): number {
  const found = findCell(db, rowId, colId);
  if (found) return found.id;
  return Number(
    stmt(db, `INSERT INTO framework_cells(matrix_id, row_id, column_id, summary, modified_at) VALUES (?, ?, ?, '', ?)`).run(
      matrixId,
      rowId,
      colId,
      nowIso(),
    ).lastInsertRowid,
  );
}

export function setCellSummary(db: Database.Database, cellId: number, summary: string): void {
  stmt(db, `UPDATE framework_cells SET summary = ?, modified_at = ? WHERE id = ? AND summary IS NOT ?`).run(summary, nowIso(), cellId, summary);
}

/** Removes a cell that holds nothing (no summary, no links), so empty cells leave no rows. */
export function dropCellIfEmpty(db: Database.Database, cellId: number): void {
  stmt(
    db,
    `DELETE FROM framework_cells WHERE id = ? AND summary = '' AND NOT EXISTS (SELECT 1 FROM framework_cell_links WHERE cell_id = ?)`,
  ).run(cellId, cellId);
}

export function insertLink(db: Database.Database, cellId: number, codingId: number): boolean {
  return stmt(db, `INSERT OR IGNORE INTO framework_cell_links(cell_id, coding_id) VALUES (?, ?)`).run(cellId, codingId).changes > 0;
}

export function deleteLink(db: Database.Database, cellId: number, codingId: number): boolean {
  return stmt(db, `DELETE FROM framework_cell_links WHERE cell_id = ? AND coding_id = ?`).run(cellId, codingId).changes > 0;
}

export function linkedCodingIds(db: Database.Database, cellId: number): number[] {
  return stmt(db, `SELECT coding_id FROM framework_cell_links WHERE cell_id = ?`).pluck().all(cellId) as number[];
}

/** Every linked passage of a matrix (or of one cell), with its text (substr counts code points, as positions do). */
export function listLinkedPassages(db: Database.Database, matrixId: number, cellId?: number): LinkedPassageRow[] {
  const sql = `
    SELECT l.cell_id AS cellId, g.id AS codingId, s.id AS sourceId, s.name AS source, c.name AS "case",
           g.start_pos AS start, g.end_pos AS "end", substr(t.text, g.start_pos + 1, g.end_pos - g.start_pos) AS text,
           g.code_id AS codeId, u.name AS coder, g.created_at AS createdAt
    FROM framework_cells f
    JOIN framework_cell_links l ON l.cell_id = f.id
    JOIN codings g ON g.id = l.coding_id
    JOIN sources s ON s.id = g.source_id
    JOIN source_text t ON t.source_id = s.id
    JOIN users u ON u.id = g.coder_id
    LEFT JOIN cases c ON c.id = s.case_id
    WHERE f.matrix_id = ? ${cellId === undefined ? '' : 'AND f.id = ?'}
    ORDER BY l.cell_id, s.name COLLATE NOCASE, g.start_pos, g.end_pos, g.id`;
  return (cellId === undefined ? stmt(db, sql).all(matrixId) : stmt(db, sql).all(matrixId, cellId)) as LinkedPassageRow[];
}

/** Filled cells per matrix (a summary or a link). */
export function filledCellCounts(db: Database.Database): Map<number, number> {
  const rows = stmt(
    db,
    `SELECT matrix_id AS id, count(*) AS n FROM framework_cells f
     WHERE summary != '' OR EXISTS (SELECT 1 FROM framework_cell_links l WHERE l.cell_id = f.id) GROUP BY matrix_id`,
  ).all() as { id: number; n: number }[];
  return new Map(rows.map((r) => [r.id, r.n]));
}
