/** Shared set-up for the cases tests: temporary projects, sources, and a snapshot of every user table. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProjectDb } from '../../shared/db/projectDb.js';
import type { ServiceContext } from '../../shared/services/context.js';
import { importFiles } from '../../shared/services/sourceService.js';

export function tempDir(prefix = 'quarry-cases-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function newProject(name = 'x.quarry'): { project: ProjectDb; ctx: ServiceContext; path: string } {
  const path = join(tempDir(), name);
  const project = ProjectDb.create(path);
  return { project, ctx: { project, coderName: 'Tester' }, path };
}

export async function addSources(ctx: ServiceContext, texts: Record<string, string>): Promise<Map<string, number>> {
  const files = Object.entries(texts).map(([name, text]) => ({ fileName: `${name}.txt`, bytes: new TextEncoder().encode(text) }));
  const results = await importFiles(ctx, files);
  return new Map(results.map((r) => [r.name!, r.sourceId!]));
}

/** Every row of every user table, to prove that a refused operation changed nothing. */
export function snapshot(project: ProjectDb): Record<string, unknown[]> {
  const tables = project.db
    .prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
    .pluck()
    .all() as string[];
  // Rows as sorted JSON: independent of row order and of whether a table has a rowid.
  return Object.fromEntries(tables.map((t) => [t, project.db.prepare(`SELECT * FROM "${t}"`).all().map((r) => JSON.stringify(r)).sort()]));
}

export const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
