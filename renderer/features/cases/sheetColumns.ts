import { attributeTypeSpec } from '../../../shared/cases/attributeTypeRegistry.js';
import type { AttributeInfo } from '../../../shared/domain/caseTypes.js';

/** A column of the sheet: the case name, its sources, where it sits in the case tree, then one per attribute. */
export type SheetColumn =
  | { key: 'name'; label: string; width: number }
  | { key: 'sources'; label: string; width: number }
  | { key: 'parent' | 'classification'; label: string; width: number }
  | { key: string; label: string; width: number; attr: AttributeInfo };

export const ROW_HEIGHT = 30;
/** Header row plus filter row. */
export const HEAD_HEIGHT = 2 * ROW_HEIGHT + 4;

/**
 * Parent shows when a case is nested, Classification when the project has
 * more than one — the columns the sheet's CSV export carries too. Both are
 * read-only here (the case tree page moves and classifies cases).
 */
export function sheetColumns(attributes: readonly AttributeInfo[], tree: { parent: boolean; classification: boolean } = { parent: false, classification: false }): SheetColumn[] {
  return [
    { key: 'name', label: 'Case', width: 180 },
    { key: 'sources', label: 'Sources', width: 210 },
    ...(tree.parent ? [{ key: 'parent' as const, label: 'Parent', width: 160 }] : []),
    ...(tree.classification ? [{ key: 'classification' as const, label: 'Classification', width: 160 }] : []),
    ...attributes.map((attr) => {
      const label = attr.reference ?? attr.name;
      return { key: String(attr.id), label, width: Math.max(attributeTypeSpec(attr.type).editor.columnWidth, headerWidth(label)), attr };
    }),
  ];
}

/** Room for a header's label beside its type badge and menu button (a qualified name like School.Size is longer), up to a limit. */
const headerWidth = (label: string): number => Math.min(320, 8 * label.length + 120);

export const gridTemplate = (columns: readonly SheetColumn[]): string => columns.map((c) => `${c.width}px`).join(' ');

export const isAttributeColumn = (c: SheetColumn): c is Extract<SheetColumn, { attr: AttributeInfo }> => 'attr' in c;

export const isTreeColumn = (c: SheetColumn): c is Extract<SheetColumn, { key: 'parent' | 'classification' }> => c.key === 'parent' || c.key === 'classification';
