/**
 * A case classification as CSV. It is the classification sheet writer's own
 * format (shared/cases/classificationCsv.ts), so the file re-imports as a
 * classification sheet: the group-by attribute becomes an ordinary first
 * column and the cases follow in group order.
 */
import { attributeDefOf } from '../cases/attributeTypeRegistry.js';
import type { AttributeDef, AttributeValue } from '../cases/attributeTypes.js';
import { writeClassificationCsv } from '../cases/classificationCsv.js';
import type { CsvCellOptions } from './csvCells.js';
import type { ClassificationTable } from './exportModels.js';

export function classificationTableToCsv(t: ClassificationTable, opts: CsvCellOptions = {}): string {
  const columns = t.groupBy && !t.columns.some((c) => c.name === t.groupBy!.name) ? [t.groupBy, ...t.columns] : t.columns;
  const defs: AttributeDef[] = columns.map(attributeDefOf);
  const cases = t.groups.flatMap((g) =>
    g.rows.map((r) => {
      const values: Record<string, AttributeValue> = {};
      t.columns.forEach((c, i) => (values[c.name] = r.values[i] ?? { kind: 'unassigned' }));
      if (t.groupBy && values[t.groupBy.name] === undefined) values[t.groupBy.name] = g.value ?? { kind: 'value', value: g.label };
      return { name: r.caseName, values };
    }),
  );
  return writeClassificationCsv(defs, cases, opts);
}
