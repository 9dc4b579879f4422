import { newCodeTarget } from '../codes/newCodeTarget.js';
import { useCallback, useMemo } from 'react';
import { escapeSegment, splitPath } from '../../../shared/domain/codePath.js';
import type { AppliedCoding, CodeNode, Coding } from '../../../shared/domain/types.js';
import { useApi } from '../../api/ApiContext.js';
import { useAction, useNotice } from '../../hooks/useNotice.js';
import { useWorkbench, type TextSelection } from '../workbench/workbenchState.js';

export interface CodingActions {
  /** Codes the selection (or `sel`) with a code. */
  applyCode(codeId: number, sel?: TextSelection | null): Promise<void>;
  /** Creates a code (a top-level name, or a path "Parent/Child") and codes the selection: one step. */
  applyNewCode(nameOrPath: string): Promise<void>;
  inVivo(): Promise<void>;
  uncode(codingId: number): Promise<void>;
  recode(codingId: number, codeId: number): Promise<void>;
  /** Resolves to the resized coding, or undefined when it failed (the failure is shown). */
  resize(codingId: number, start: number, end: number): Promise<Coding | undefined>;
}

/** What applying a code did: coded, joined your overlapping codings there, or nothing (already coded). */
export function appliedMessage(r: AppliedCoding, characters: number, path: string): string {
  if (r.alreadyCoded) return `Already coded at ${path} by you — nothing changed`;
  if (r.mergedWith > 0) return `Coded at ${path}, joined with ${r.mergedWith} of your overlapping coding${r.mergedWith === 1 ? '' : 's'} there into one (${r.end - r.start} characters)`;
  return `Coded ${characters} characters at ${path}`;
}

/** Why a folder code (REFI-QDA isCodable="false") is not applied; the core says the same if asked. */
export function folderRefusal(path: string): string {
  return `“${path}” is a folder: it groups codes and cannot be applied to text. Code the passage at one of its codes.`;
}

/** The coding actions, each one API call (so one undo step), remembering codes for the quick keys. */
export function useCodingActions(lookup: Map<number, CodeNode>, touch: (codeId: number) => void): CodingActions {
  const api = useApi();
  const act = useAction();
  const { notify } = useNotice();
  const wb = useWorkbench();
  const { selection, activeCodeId, setActiveCodingId } = wb;

  const applyCode = useCallback(
    async (codeId: number, sel: TextSelection | null = selection) => {
      if (!sel) {
        notify('Select some text in the document first.');
        return;
      }
      const code = lookup.get(codeId);
      if (code?.isCodable === false) {
        notify(folderRefusal(code.path));
        return;
      }
      touch(codeId);
      const r = await act(() => api.call('codings.apply', { sourceId: sel.sourceId, start: sel.start, end: sel.end, codeId }));
      if (r) notify(appliedMessage(r, sel.end - sel.start, lookup.get(codeId)?.path ?? 'the code'));
    },
    [api, act, notify, selection, lookup, touch],
  );

  const applyNewCode = useCallback(
    async (nameOrPath: string) => {
      const sel = selection;
      if (!sel) return;
      // "Parent/Child" makes (or reuses) the parents too; a plain name is a new top-level code.
      const target = newCodeTarget(nameOrPath, null);
      if (target.kind === 'none') return;
      const path = target.kind === 'path' ? target.path : escapeSegment(target.name);
      const r = await act(() => api.call('codings.apply', { sourceId: sel.sourceId, start: sel.start, end: sel.end, codePath: path }));
      if (r) {
        touch(r.codeId);
        notify(`Created ${splitPath(path).join(' › ')} and coded the selection`);
      }
    },
    [api, act, notify, selection, touch],
  );

  const inVivo = useCallback(async () => {
    const sel = selection;
    if (!sel) {
      notify('Select the words to name the in-vivo code with.');
      return;
    }
    const r = await act(() => api.call('codings.inVivo', { sourceId: sel.sourceId, start: sel.start, end: sel.end, parentId: activeCodeId }));
    if (r) {
      touch(r.codeId);
      notify(`${r.created ? 'Created' : 'Reused'} in-vivo code “${r.name}” and coded the selection`);
    }
  }, [api, act, notify, selection, activeCodeId, touch]);

  const uncode = useCallback(
    async (codingId: number) => {
      const r = await act(() => api.call('codings.remove', { id: codingId }));
      if (r !== undefined) {
        setActiveCodingId(null);
        notify('Uncoded the passage (Ctrl+Z brings it back)');
      }
    },
    [api, act, notify, setActiveCodingId],
  );

  const recode = useCallback(
    async (codingId: number, codeId: number) => {
      touch(codeId);
      const r = await act(() => api.call('codings.recode', { id: codingId, codeId }));
      if (r) {
        setActiveCodingId(r.id);
        notify(`Recoded the passage to ${lookup.get(codeId)?.path ?? 'the code'}`);
      }
    },
    [api, act, notify, lookup, touch, setActiveCodingId],
  );

  const resize = useCallback(
    (codingId: number, start: number, end: number) => act(() => api.call('codings.resize', { id: codingId, start, end })),
    [api, act],
  );

  return useMemo(() => ({ applyCode, applyNewCode, inVivo, uncode, recode, resize }), [applyCode, applyNewCode, inVivo, uncode, recode, resize]);
}
