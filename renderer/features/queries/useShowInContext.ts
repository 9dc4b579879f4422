import { useCallback } from 'react';
import { useWorkbench } from '../workbench/workbenchState.js';

/** Opens the document view at a passage (and selects its coding, when it is one). */
export function useShowInContext() {
  const wb = useWorkbench();
  return useCallback(
    (p: { sourceId: number; start: number; end: number; codingId?: number }) => {
      wb.revealPassage(p.sourceId, p.start, p.end);
      if (p.codingId !== undefined) wb.setActiveCodingId(p.codingId);
      wb.setViewId('document');
    },
    [wb],
  );
}
