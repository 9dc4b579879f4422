// TEMPORARY until the queries core lands (frameworkMatrix.ts, matrixQuery.ts); replaced by the real loaders.
import type Database from 'better-sqlite3';
import { QuarryError } from '../errors.js';
import type { FrameworkTable, MatrixMeasure, MatrixTable } from './exportModels.js';

export function loadFrameworkTable(_db: Database.Database, _o: { name: string; caption?: string; quotes?: boolean; labelTemplate?: string }): FrameworkTable {
  throw new QuarryError('not_found', 'Framework matrices are not available yet.');
}
export function loadMatrixTable(_db: Database.Database, _o: { rows: string; cols: string; measure?: MatrixMeasure; coder?: string; caption?: string }): MatrixTable {
  throw new QuarryError('not_found', 'Matrix queries are not available yet.');
}
