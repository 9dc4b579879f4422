/**
 * A case classification as a Word table like Table 1 of seed 000: one row
 * per case with the chosen attributes as columns, grouped under sub-heading
 * rows (one per value of the group-by attribute, e.g. Intermediary /
 * Entrepreneur) that span the table.
 */
import { attributeTypeSpec } from '../cases/attributeTypeRegistry.js';
import { displayValue } from './classificationText.js';
import type { ClassificationTable } from './exportModels.js';
import { buildDocument, caption, packDocx, type Orientation, type SectionSpec } from './docxStyles.js';
export { displayValue } from './classificationText.js';
import { gridTable, textCell, widthsByContent, type CellSpec } from './docxTables.js';
import { layoutTable } from './tableWidths.js';

export interface ClassificationDocxOptions {
  orientation?: Orientation | 'auto';
}

export const groupHeading = (label: string, count: number): string => `${label} (n = ${count})`;

const GROUP_FILL = 'F2F2F2';

export function classificationSection(t: ClassificationTable, opts: ClassificationDocxOptions = {}): SectionSpec {
  const span = t.columns.length + 1;
  const rows = t.groups.flatMap((g) => g.rows);
  const columns = [
    { header: t.caseHeader, texts: rows.map((r) => r.caseName) },
    ...t.columns.map((c, i) => ({ header: c.name, texts: rows.map((r) => displayValue(r.values[i] ?? { kind: 'unassigned' }, c.type)) })),
  ];
  // Landscape when the columns' longest words cannot sit side by side on a portrait page.
  const orientation: Orientation = opts.orientation && opts.orientation !== 'auto' ? opts.orientation : layoutTable(columns).orientation;
  const widths = widthsByContent(columns, orientation);
  const header: CellSpec[] = [textCell(t.caseHeader, { bold: true }), ...t.columns.map((c) => textCell(c.name, { bold: true }))];
  const body: CellSpec[][] = [];
  for (const g of t.groups) {
    if (t.groupBy) body.push([textCell(groupHeading(g.value && attributeTypeSpec(t.groupBy.type).display ? displayValue(g.value, t.groupBy.type) : g.label, g.rows.length), { bold: true, fill: GROUP_FILL, span })]);
    for (const r of g.rows) body.push([textCell(r.caseName), ...r.values.map((v, i) => textCell(displayValue(v, t.columns[i]?.type)))]);
  }
  return { orientation, children: [...(t.caption.trim() ? [caption(t.caption.trim())] : []), gridTable(header, body, widths)] };
}

export function classificationTableToDocx(t: ClassificationTable, opts: ClassificationDocxOptions = {}): Promise<Uint8Array> {
  return packDocx(buildDocument(t.caption || 'Case classification', [classificationSection(t, opts)]));
}
