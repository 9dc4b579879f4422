/**
 * A framework matrix for the large project: cases × themes, every cell with
 * a short bullet summary and up to three linked passages of its theme in its case.
 */
import type Database from 'better-sqlite3';
import { ensureCell, insertHeader, insertLink, insertMatrix, setCellSummary } from '../shared/store/frameworkStore.js';
import { stmt } from '../shared/store/statements.js';

export const BENCH_FRAMEWORK_NAME = 'Cases by theme';

export function addBenchFramework(db: Database.Database, p: { caseIds: number[]; themeCodes: number[]; rand: () => number }): void {
  const matrixId = insertMatrix(db, { name: BENCH_FRAMEWORK_NAME, caption: 'Synthetic framework matrix' });
  const rows = p.caseIds.map((caseId, i) => insertHeader(db, { matrixId, axis: 'row', position: i, label: `Case ${i + 1}`, codeId: null, caseId }));
  const cols = p.themeCodes.map((codeId, i) => insertHeader(db, { matrixId, axis: 'column', position: i, label: `Theme ${i + 1}`, codeId, caseId: null }));
  const codingsOf = stmt(
    db,
    `SELECT g.id FROM codings g JOIN sources s ON s.id = g.source_id
     WHERE s.case_id = ? AND g.code_id IN (SELECT id FROM codes WHERE id = ? OR parent_id = ?) LIMIT 3`,
  ).pluck();
  rows.forEach((rowId, r) => {
    cols.forEach((colId, c) => {
      const cell = ensureCell(db, matrixId, rowId, colId);
      const bullets = 1 + Math.floor(p.rand() * 4);
      const lines = Array.from({ length: bullets }, (_, k) => `- Point ${k + 1} about theme ${c + 1} for case ${r + 1}, summarised in a sentence of ordinary length.`);
      setCellSummary(db, cell, lines.join('\n'));
      for (const codingId of codingsOf.all(p.caseIds[r], p.themeCodes[c], p.themeCodes[c]) as number[]) insertLink(db, cell, codingId);
    });
  });
}
