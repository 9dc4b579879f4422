/**
 * The demo study's Table 3 as a saved framework matrix: four theme columns
 * (each tied to its code), three labelled rows, each cell's mini-markdown
 * summary, and links to the primary coder's passages named in
 * fixtures/demo-ict-cluster/framework-table3.json by {source, code}.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { QuarryError } from '../errors.js';
import { createFramework, linkPassages, setFrameworkCell } from '../queries/frameworkMatrix.js';
import { findCodeByPath } from '../services/codeService.js';
import type { ServiceContext } from '../services/context.js';
import { findSourceByName } from '../store/sourcesStore.js';
import { findUserByName } from '../store/usersStore.js';

export const DEMO_FRAMEWORK_FILE = 'framework-table3.json';

interface Table3 {
  name: string;
  caption: string;
  columns: { label: string; code: string }[];
  rows: { label: string }[];
  cells: { summary: string; links: { source: string; code: string }[] }[][];
}

function readTable3(dir: string): Table3 {
  try {
    return JSON.parse(readFileSync(join(dir, DEMO_FRAMEWORK_FILE), 'utf8')) as Table3;
  } catch (err) {
    throw new QuarryError('invalid_input', `${DEMO_FRAMEWORK_FILE}: cannot read the demo file (${(err as Error).message}).`);
  }
}

/** The coder's codings of exactly this code in this source (what a fixture link names). */
function linkedCodings(ctx: ServiceContext, link: { source: string; code: string }, where: string): number[] {
  const db = ctx.project.db;
  const source = findSourceByName(db, link.source);
  const codeId = findCodeByPath(db, link.code);
  const coder = findUserByName(db, ctx.coderName);
  if (!source || codeId === undefined || !coder) throw new QuarryError('invalid_input', `${where}: there is no ${!source ? `source ${link.source}` : `code ${link.code}`}.`);
  const ids = db
    .prepare(`SELECT id FROM codings WHERE source_id = ? AND code_id = ? AND coder_id = ? ORDER BY start_pos`)
    .pluck()
    .all(source.id, codeId, coder.id) as number[];
  if (ids.length === 0) throw new QuarryError('invalid_input', `${where}: ${link.source} has no passage coded at ${link.code}.`);
  return ids;
}

export function buildDemoFramework(ctx: ServiceContext, fixtureDir: string): void {
  const t = readTable3(fixtureDir);
  const matrix = createFramework(ctx, {
    name: t.name,
    caption: t.caption,
    rows: t.rows.map((r) => ({ label: r.label })),
    cols: t.columns.map((c) => ({ label: c.label, codePath: c.code })),
  });
  t.cells.forEach((row, r) => {
    row.forEach((cell, c) => {
      const ref = { matrixId: matrix.id, rowId: matrix.rows[r]!.id, colId: matrix.cols[c]!.id };
      setFrameworkCell(ctx, { ...ref, summary: cell.summary });
      const where = `${DEMO_FRAMEWORK_FILE} row ${r + 1} column ${c + 1}`;
      const codingIds = cell.links.flatMap((l) => linkedCodings(ctx, l, where));
      if (codingIds.length) linkPassages(ctx, { ...ref, codingIds });
    });
  });
}
