/**
 * Folder codes (REFI-QDA isCodable="false") group other codes and are never
 * applied. Every way of coding refuses them here with a message naming the
 * code; the database refuses them too (a trigger), should a path be missed.
 */
import type Database from 'better-sqlite3';
import { QuarryError } from '../errors.js';
import { getCodeRow } from '../store/codesStore.js';

export function assertCodable(db: Database.Database, codeId: number): void {
  const code = getCodeRow(db, codeId);
  if (code && !code.isCodable) {
    throw new QuarryError(
      'bad_request',
      `“${code.name}” is a folder: it groups codes and cannot be applied to text. Code the passage at one of its codes, or at a code of its own.`,
    );
  }
}
