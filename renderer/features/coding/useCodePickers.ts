import { useCallback, useMemo } from 'react';
import { useNotice } from '../../hooks/useNotice.js';
import { useWorkbench } from '../workbench/workbenchState.js';
import { useCoding } from './CodingProvider.js';

/** Opening the code picker for the coding actions: apply to the selection, recode a coding. */
export function useCodePickers() {
  const coding = useCoding();
  const wb = useWorkbench();
  const { notify } = useNotice();
  const { openPicker, applyCode, applyNewCode, recode } = coding;
  const { selection } = wb;

  const pickToApply = useCallback(() => {
    if (!selection) {
      notify('Select some text in the document first, then press Ctrl+K (or C) to code it.');
      return;
    }
    const sel = selection;
    openPicker({
      title: 'Code the selection',
      allowCreate: true,
      onPick: (id) => void applyCode(id, sel),
      onCreate: (name) => void applyNewCode(name),
    });
  }, [selection, openPicker, applyCode, applyNewCode, notify]);

  const pickToRecode = useCallback(
    (codingId: number, currentCodeId: number) => {
      openPicker({
        title: 'Recode the passage to…',
        allowCreate: false,
        exclude: new Set([currentCodeId]),
        onPick: (id) => void recode(codingId, id),
      });
    },
    [openPicker, recode],
  );

  return useMemo(() => ({ pickToApply, pickToRecode }), [pickToApply, pickToRecode]);
}
