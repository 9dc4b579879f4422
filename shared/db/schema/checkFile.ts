import Database from 'better-sqlite3';
import { basename } from 'node:path';
import { hardenConnection } from '../hardenConnection.js';
import { assertQuarrySchema } from './schemaCheck.js';

/** Refuses a closed project file whose schema is not Quarry's own, before it is copied or opened anywhere. */
export function assertQuarryFile(path: string): void {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    hardenConnection(db);
    assertQuarrySchema(db, basename(path));
  } finally {
    db.close();
  }
}
