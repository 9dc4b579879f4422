/**
 * The codings the codes panel counts, read in one pass: streamed through
 * rowCollector (no row objects) from the covering index, for everyone or
 * one coder.
 */
import type Database from 'better-sqlite3';
import { streamRows4, type RowHandler } from './rowCollector.js';

/** Calls onRow(codeId, sourceId, start, end) for every coding (by `coderId` only, unless null). */
export function streamCodingsForCounts(db: Database.Database, coderId: number | null, onRow: RowHandler): number {
  return coderId === null
    ? streamRows4(db, ['code_id', 'source_id', 'start_pos', 'end_pos'], 'FROM codings', [], onRow)
    : streamRows4(db, ['code_id', 'source_id', 'start_pos', 'end_pos'], 'FROM codings WHERE coder_id = ?', [coderId], onRow);
}
