import { useCallback } from 'react';
import type { CodeNode } from '../../../shared/domain/types.js';
import { useCoding } from '../coding/CodingProvider.js';
import type { MenuRequest } from '../contextmenu/ContextMenuProvider.js';
import { codeMenuItems } from '../contextmenu/menuModel.js';
import { useWorkbench } from '../workbench/workbenchState.js';
import type { useCodeEditing } from './useCodeEditing.js';

export interface CodeMenuActions {
  edit: ReturnType<typeof useCodeEditing>;
  rename(id: number): void;
  openPassages(id: number): void;
  newChild(id: number): void;
  exportQuotes(path: string): void;
  addToSet(node: CodeNode): void;
}

/** Focuses a field of the selected code's details once they show that code. */
function focusDetail(selector: string, thenClick = false) {
  requestAnimationFrame(() => {
    const el = document.querySelector<HTMLInputElement | HTMLTextAreaElement>(`.code-details ${selector}`);
    el?.focus();
    if (thenClick && el instanceof HTMLInputElement) el.click();
  });
}

/** The context menu of a code in the tree: the code's actions, each the same as its key or button. */
export function useCodeMenu(a: CodeMenuActions): (node: CodeNode) => MenuRequest {
  const wb = useWorkbench();
  const coding = useCoding();
  return useCallback(
    (node: CodeNode) => ({
      label: `Code ${node.path}`,
      items: codeMenuItems(node, { hasSelection: !!wb.selection }),
      onChoose: (id: string) => {
        const run: Record<string, () => void> = {
          'code-selection': () => void coding.applyCode(node.id),
          'open-passages': () => a.openPassages(node.id),
          'export-quotes': () => a.exportQuotes(node.path),
          rename: () => a.rename(node.id),
          colour: () => (wb.setActiveCodeId(node.id), focusDetail('input[type="color"]', true)),
          describe: () => (wb.setActiveCodeId(node.id), focusDetail('textarea')),
          'new-child': () => a.newChild(node.id),
          'add-to-set': () => a.addToSet(node),
          merge: () => a.edit.pickMergeTarget(node.id),
          delete: () => void a.edit.requestDelete(node.id),
        };
        run[id]?.();
      },
    }),
    [wb, coding, a],
  );
}
