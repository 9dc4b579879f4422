import { useCallback } from 'react';
import type { MenuRequest } from '../../contextmenu/ContextMenuProvider.js';
import { resultCellMenuItems } from '../../contextmenu/menuModel.js';

/** The context menu of a result table's cell: open the passages behind it, export the table. */
export function useCellMenu(cells: readonly (readonly number[])[] | undefined, label: (row: number, col: number) => string, open: (row: number, col: number) => void, exportTable: () => void) {
  return useCallback(
    (row: number, col: number): MenuRequest => ({
      label: `Cell ${label(row, col)}`,
      items: resultCellMenuItems({ hasPassages: (cells?.[row]?.[col] ?? 0) > 0 }),
      onChoose: (id) => (id === 'open-passages' ? open(row, col) : id === 'export' ? exportTable() : undefined),
    }),
    [cells, label, open, exportTable],
  );
}
