/**
 * Helpers for tests that need a real project file: a temp folder, a project
 * with some of everything in it, and full table dumps to compare states.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { ProjectDb } from '../../../shared/db/projectDb.js';
import { quoteIdent } from '../../../shared/db/sqlIdentifier.js';
import type { ImportedDocument } from '../../../shared/importers/types.js';
import { assignSource, createCase, defineAttribute, setCaseValue } from '../../../shared/services/caseService.js';
import { createCode } from '../../../shared/services/codeService.js';
import { applyCoding } from '../../../shared/services/codingService.js';
import type { ServiceContext } from '../../../shared/services/context.js';
import { mutate } from '../../../shared/services/context.js';
import { addMemo } from '../../../shared/services/memoService.js';
import { storeDocument } from '../../../shared/services/sourceService.js';

export const tempDir = (prefix = 'quarry-test-'): string => mkdtempSync(join(tmpdir(), prefix));

export function newProject(name = 'p.quarry'): { dir: string; path: string; project: ProjectDb; ctx: ServiceContext } {
  const dir = tempDir();
  const path = join(dir, name);
  const project = ProjectDb.create(path);
  return { dir, path, project, ctx: { project, coderName: 'Tess Tester' } };
}

export function doc(name: string, text: string): ImportedDocument {
  return { name, text, originName: `${name}.txt`, originType: 'txt', encoding: 'utf-8', warnings: [] };
}

/** Stores a source in one undoable step; returns its id. */
export function addSource(ctx: ServiceContext, name: string, text: string): number {
  return mutate(ctx, 'Import source', (db) => storeDocument(db, ctx.coderName, doc(name, text)).id);
}

export interface Seeded {
  sourceIds: number[];
  codeIds: Record<string, number>;
  codingIds: number[];
  caseId: number;
  attributeId: number;
}

/** A little of everything v1 knows: sources, a code tree, codings, a case with a value, memos. */
export function seed(ctx: ServiceContext): Seeded {
  const s1 = addSource(ctx, 'Interview 1', 'Hello 😀 world.\nSecond line with 中文 and café.\n');
  const s2 = addSource(ctx, 'Interview 2', 'مرحبا — שלום — plain text here.');
  const a = createCode(ctx, { path: 'Themes/Trust', color: '#112233', description: 'trust' });
  const b = createCode(ctx, { path: 'Themes/Doubt' });
  const c1 = applyCoding(ctx, { sourceId: s1, start: 6, end: 7, codeId: a });
  const c2 = applyCoding(ctx, { sourceId: s1, start: 0, end: 14, codeId: b });
  const c3 = applyCoding(ctx, { sourceId: s2, start: 0, end: 5, codeId: a });
  const caseId = createCase(ctx, { name: 'Case A' });
  assignSource(ctx, { sourceId: s1, caseId });
  const attributeId = defineAttribute(ctx, { name: 'Age', type: 'number' });
  setCaseValue(ctx, { caseId, attributeId, raw: '42' });
  addMemo(ctx, { target: 'project', body: 'project memo' });
  addMemo(ctx, { target: 'coding', codingId: c1.id, body: 'coding memo' });
  addMemo(ctx, { target: 'span', sourceId: s2, start: 8, end: 13, body: 'span memo' });
  return {
    sourceIds: [s1, s2],
    codeIds: { Themes: createCode(ctx, { path: 'Themes' }), 'Themes/Trust': a, 'Themes/Doubt': b },
    codingIds: [c1.id, c2.id, c3.id],
    caseId,
    attributeId,
  };
}

interface TableListRow {
  schema: string;
  name: string;
  type: string;
  wr: number;
  strict: number;
}

/** The ordinary (non-virtual, non-shadow, non-internal) tables of the main schema. */
export function userTables(db: Database.Database): TableListRow[] {
  return (db.pragma('table_list') as TableListRow[]).filter(
    (t) => t.schema === 'main' && t.type === 'table' && !t.name.startsWith('sqlite_'),
  );
}

/** Every row of every ordinary table, in a stable order: compares two states of a project exactly. */
export function dumpTables(db: Database.Database, only?: Record<string, string[]>): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const t of userTables(db)) {
    if (only && !(t.name in only)) continue;
    const cols = only?.[t.name] ?? (db.pragma(`table_info(${quoteIdent(t.name)})`) as { name: string }[]).map((c) => c.name);
    const list = cols.map((c) => `"${c}"`).join(', ');
    const order = t.wr ? list : 'rowid';
    out[t.name] = db.prepare(`SELECT ${t.wr ? '' : 'rowid AS __rowid, '}${list} FROM "${t.name}" ORDER BY ${order}`).all();
  }
  return out;
}

/** Column names of every ordinary table (to compare only what existed at an older schema). */
export function tableColumns(db: Database.Database): Record<string, string[]> {
  return Object.fromEntries(
    userTables(db).map((t) => [t.name, (db.pragma(`table_info(${quoteIdent(t.name)})`) as { name: string }[]).map((c) => c.name)]),
  );
}
