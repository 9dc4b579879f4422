import { attributeTypeSpec } from '../../../shared/cases/attributeTypeRegistry.js';
import type { AttributeInfo } from '../../../shared/domain/caseTypes.js';

/** A column of the sheet: the case name, its sources, then one per attribute. */
export type SheetColumn =
  | { key: 'name'; label: string; width: number }
  | { key: 'sources'; label: string; width: number }
  | { key: string; label: string; width: number; attr: AttributeInfo };

export const ROW_HEIGHT = 30;
/** Header row plus filter row. */
export const HEAD_HEIGHT = 2 * ROW_HEIGHT + 4;

export function sheetColumns(attributes: readonly AttributeInfo[]): SheetColumn[] {
  return [
    { key: 'name', label: 'Case', width: 180 },
    { key: 'sources', label: 'Sources', width: 210 },
    ...attributes.map((attr) => ({ key: String(attr.id), label: attr.name, width: attributeTypeSpec(attr.type).editor.columnWidth, attr })),
  ];
}

export const gridTemplate = (columns: readonly SheetColumn[]): string => columns.map((c) => `${c.width}px`).join(' ');

export const isAttributeColumn = (c: SheetColumn): c is Extract<SheetColumn, { attr: AttributeInfo }> => 'attr' in c;
