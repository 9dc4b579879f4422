import { useCallback } from 'react';
import { useApi } from '../../api/ApiContext.js';
import { useAction, useNotice } from '../../hooks/useNotice.js';
import type { MenuRequest } from '../contextmenu/ContextMenuProvider.js';
import { selectionMenuItems } from '../contextmenu/menuModel.js';
import type { DocumentModel } from '../document/useDocument.js';
import type { TextSelection } from '../workbench/workbenchState.js';
import { useCoding } from './CodingProvider.js';
import type { useDocumentCommands } from './useDocumentCommands.js';

/** Codes with a coding that overlaps the selection (those "Uncode" can take off it). */
function codesUnder(model: DocumentModel, sel: TextSelection): Set<number> {
  return new Set(model.doc.codings.filter((c) => c.start < sel.end && sel.start < c.end).map((c) => c.codeId));
}

/** The context menu of the selected text: recent codes, a new code, in vivo, annotate, uncode. */
export function useSelectionMenu(model: DocumentModel | null, sel: TextSelection | null, cmd: ReturnType<typeof useDocumentCommands>): () => MenuRequest | null {
  const coding = useCoding();
  const api = useApi();
  const act = useAction();
  const { notify } = useNotice();

  const uncodeFrom = useCallback(
    async (s: TextSelection, codeId: number) => {
      const r = await act(() => api.call('codings.uncodeSelection', { sourceId: s.sourceId, codeId, start: s.start, end: s.end }));
      if (r) notify(`Uncoded ${coding.lookup.get(codeId)?.path ?? 'the code'} from the selection (${r.removed} changed; Ctrl+Z brings it back)`);
    },
    [api, act, notify, coding.lookup],
  );

  return useCallback(() => {
    if (!model || !sel) return null;
    const under = codesUnder(model, sel);
    const recent = coding.recent.flatMap((id) => {
      const c = coding.lookup.get(id);
      return c ? [{ id, name: c.name }] : [];
    });
    return {
      label: 'Selected text',
      items: selectionMenuItems(recent, { canUncode: under.size > 0 }),
      onChoose: (id: string) => {
        if (id.startsWith('code-recent:')) return void coding.applyCode(Number(id.slice('code-recent:'.length)), sel);
        if (id === 'code-new') return cmd.pickToApply();
        if (id === 'in-vivo') return void coding.inVivo();
        if (id === 'annotate') return cmd.annotate();
        if (id !== 'uncode') return;
        const only = [...under];
        if (only.length === 1) return void uncodeFrom(sel, only[0]!);
        coding.openPicker({
          title: 'Uncode the selection from…',
          allowCreate: false,
          exclude: new Set([...coding.lookup.keys()].filter((k) => !under.has(k))),
          onPick: (codeId) => void uncodeFrom(sel, codeId),
        });
      },
    };
  }, [model, sel, coding, cmd, uncodeFrom]);
}
