/** Shared set-up for the cases tests: temporary projects, sources, and a snapshot of every user table. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { ProjectDb } from '../../shared/db/projectDb.js';
import type { ServiceContext } from '../../shared/services/context.js';
import { importFiles } from '../../shared/services/sourceService.js';
import writeXlsxFile, { type SheetData } from 'write-excel-file/node';

export function tempDir(prefix = 'quarry-cases-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function newProject(name = 'x.quarry'): { project: ProjectDb; ctx: ServiceContext; path: string } {
  const path = join(tempDir(), name);
  const project = ProjectDb.create(path);
  return { project, ctx: { project, coderName: 'Tester' }, path };
}

/** newProject for one test file: every project it makes is closed after each test. */
export function projectsClosedAfterEach(): () => ReturnType<typeof newProject> {
  const open: ProjectDb[] = [];
  afterEach(() => {
    for (const p of open.splice(0)) p.close();
  });
  return () => {
    const p = newProject();
    open.push(p.project);
    return p;
  };
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

export async function workbook(data: SheetData): Promise<Uint8Array> {
  return new Uint8Array(await (await writeXlsxFile(data, { sheet: 'Participants' })).toBuffer());
}

export const day = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

/** A small study as a workbook whose cells carry Excel types (numbers, dates in several display formats, booleans). */
export const WORKBOOK: SheetData = [
  ['Case', 'Age', 'Joined', 'Founder', 'Group', 'Notes'],
  ['P01', 34, { value: day(2021, 3, 5), type: Date, format: 'dd/mm/yyyy' }, true, 'Entrepreneur', ' spaced '],
  ['P02', 41.5, { value: day(2019, 11, 30), type: Date, format: 'd mmm yyyy' }, false, 'Intermediary', null],
  ['P03', null, { value: day(2020, 1, 1), type: Date, format: 'yyyy-mm-dd' }, true, 'Entrepreneur', 'n/a'],
  ['P04', 29, { value: day(2018, 6, 15), type: Date, format: 'yyyy-mm-dd' }, false, 'Entrepreneur', 'plain'],
];
