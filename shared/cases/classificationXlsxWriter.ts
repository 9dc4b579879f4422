/**
 * A classification sheet as an Excel workbook: one worksheet, the case name
 * in column A, one column per attribute. Cells carry their type (numbers as
 * numbers, dates as dates shown YYYY-MM-DD, yes/no as TRUE/FALSE), so Excel
 * can sort and sum them and Quarry reads them back as the same values.
 * Unassigned is an empty cell; Not applicable is written out in words.
 * Text is always a text cell: a value starting with '=' is never a formula.
 */
import writeXlsxFile, { type Cell, type Row } from 'write-excel-file/node';
import { ATTRIBUTE_TYPE_SPECS } from './attributeTypeRegistry.js';
import { formatValue, UNASSIGNED, type AttributeDef, type AttributeValue } from './attributeTypes.js';
import { caseColumnHeader, structureFields, type SheetCase } from './classificationCsv.js';

export const CLASSIFICATION_WORKSHEET = 'Classification';

function cell(def: AttributeDef, v: AttributeValue): Cell {
  if (v.kind === 'unassigned') return null;
  if (v.kind === 'not_applicable') return { value: formatValue(def, v), type: String };
  const value = ATTRIBUTE_TYPE_SPECS[def.type].sheetCell(v.value);
  if (typeof value === 'number') return { value, type: Number };
  if (typeof value === 'boolean') return { value, type: Boolean };
  if (value instanceof Date) return { value, type: Date, format: 'yyyy-mm-dd' };
  return { value, type: String };
}

/** Wide enough for the header and most values, within reason (Excel's unit is about one character). */
function columnWidth(header: string, values: string[]): number {
  const longest = Math.max(header.length, ...values.slice(0, 200).map((v) => v.length));
  return Math.min(60, Math.max(8, longest + 2));
}

export async function writeClassificationXlsx(defs: AttributeDef[], cases: SheetCase[]): Promise<Uint8Array> {
  const bold = (value: string): Cell => ({ value, type: String, fontWeight: 'bold' });
  const caseHeader = caseColumnHeader(defs);
  const structure = structureFields(cases);
  const header: Row = [bold(caseHeader), ...structure.map((f) => bold(f.header)), ...defs.map((d) => bold(d.name))];
  const rows: Row[] = cases.map((c) => [
    { value: c.name, type: String },
    ...structure.map((f): Cell => ({ value: f.cell(c), type: String })),
    ...defs.map((d) => cell(d, c.values[d.name] ?? UNASSIGNED)),
  ]);
  const columns = [
    { width: columnWidth(caseHeader, cases.map((c) => c.name)) },
    ...structure.map((f) => ({ width: columnWidth(f.header, cases.map(f.cell)) })),
    ...defs.map((d) => ({ width: columnWidth(d.name, cases.map((c) => formatValue(d, c.values[d.name] ?? UNASSIGNED))) })),
  ];
  const file = await writeXlsxFile([header, ...rows], { sheet: CLASSIFICATION_WORKSHEET, columns, stickyRowsCount: 1 });
  return new Uint8Array(await file.toBuffer());
}
