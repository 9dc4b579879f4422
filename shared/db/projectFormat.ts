/**
 * What makes a file a Quarry project, read straight from the SQLite header
 * so that a file we must refuse is never opened by SQLite at all (and so is
 * left byte-for-byte untouched).
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { QuarryError } from '../errors.js';

/** PRAGMA application_id of every Quarry project: "QRRY". */
export const QUARRY_APPLICATION_ID = 0x51525259;
export const PROJECT_EXTENSION = '.quarry';

const SQLITE_MAGIC = 'SQLite format 3\u0000';

export interface ProjectHeader {
  schemaVersion: number;
  pageSize: number;
  pageCount: number;
}

function walSize(path: string): number {
  try {
    return statSync(`${path}-wal`).size;
  } catch {
    return 0;
  }
}

/** Reads and checks the header; throws a user-facing error for anything that is not a Quarry project. */
export function readProjectHeader(path: string): ProjectHeader {
  const name = basename(path);
  let size: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new QuarryError('not_a_project', `${name}: this is a folder, not a Quarry project file.`);
    size = st.size;
  } catch (err) {
    if (err instanceof QuarryError) throw err;
    throw new QuarryError('not_found', `${name}: no such file (${path}).`);
  }
  const header = Buffer.alloc(100);
  const fd = openSync(path, 'r');
  let read: number;
  try {
    read = readSync(fd, header, 0, 100, 0);
  } finally {
    closeSync(fd);
  }
  if (read < 100 || header.toString('latin1', 0, 16) !== SQLITE_MAGIC) {
    throw new QuarryError('not_a_project', `${name}: not a Quarry project (the file is not a SQLite database).`);
  }
  const rawPageSize = header.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  const pageCount = header.readUInt32BE(28);
  const applicationId = header.readInt32BE(68);
  const schemaVersion = header.readInt32BE(60);
  if (applicationId !== QUARRY_APPLICATION_ID) {
    throw new QuarryError('not_a_project', `${name}: not a Quarry project (it is a SQLite database written by another program).`);
  }
  // The in-header page count is valid when the two change counters agree (SQLite ≥ 3.7.0).
  const countValid = header.readUInt32BE(24) === header.readUInt32BE(92);
  // A process stopped in the middle of a checkpoint leaves page 1 (with the new page count)
  // written before the pages that extend the file; the WAL beside it still holds them all and
  // SQLite completes the file when it opens it. Only a file without a WAL is really cut short.
  const walHoldsMore = walSize(path) > 0;
  if (pageSize < 512 || (countValid && pageCount > 0 && size < pageCount * pageSize && !walHoldsMore)) {
    throw new QuarryError(
      'not_a_project',
      `${name}: the project file is incomplete (${size} bytes, expected ${pageCount * pageSize}); it may have been truncated while copying.`,
    );
  }
  return { schemaVersion, pageSize, pageCount };
}
