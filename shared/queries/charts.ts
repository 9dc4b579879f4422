/**
 * Data for the "references per code by attribute value" bar chart: one
 * series per code (counting its descendants), one bar group per value of
 * the attribute. The UI draws it; this is a matrix query turned sideways.
 */
import type Database from 'better-sqlite3';
import { runMatrixQuery } from './matrixQuery.js';
import { ProjectLookup } from './projectLookup.js';
import type { ChartData, ChartDef } from './types.js';
import { displayColor } from '../domain/codeColor.js';

export function codesByAttributeChart(db: Database.Database, def: ChartDef): ChartData {
  const lookup = ProjectLookup.of(db);
  const codes = def.codes ?? lookup.children(null).map((codeId) => ({ codeId }));
  const measure = def.measure ?? 'references';
  const m = runMatrixQuery(db, {
    rows: { kind: 'attribute', attribute: def.attribute },
    cols: { kind: 'codes', codes, children: true },
    measure,
    ...(def.filter ? { filter: def.filter } : {}),
    ...(def.coder !== undefined ? { coder: def.coder } : {}),
  });
  return {
    attribute: def.attribute,
    measure,
    values: m.rows.map((r) => r.label),
    series: m.cols.map((c, i) => ({
      codeId: c.id!,
      code: c.label,
      color: displayColor(lookup.codes.get(c.id!)),
      counts: m.cells.map((row) => row[i]!),
    })),
  };
}
