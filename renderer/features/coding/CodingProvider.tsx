import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { CodeNode } from '../../../shared/domain/types.js';
import { useApiQuery } from '../../hooks/useApiQuery.js';
import { codeLookup } from '../document/useDocument.js';
import { CodePicker, type PickerRequest } from './CodePicker.js';
import { createCodeSearch, flattenCodes, type CodeSearch } from './codeSearch.js';
import { useCodingActions, type CodingActions } from './useCodingActions.js';
import { useRecentCodes } from './useRecentCodes.js';

export interface CodingContextValue extends CodingActions {
  tree: CodeNode[];
  lookup: Map<number, CodeNode>;
  search: CodeSearch;
  /** Quick-key list: code ids, most recent first (key 1 = index 0). */
  recent: number[];
  openPicker(request: PickerRequest): void;
  pickerOpen: boolean;
  /** Applies the code on quick key n (1–9) to the selection. */
  applyQuick(n: number): void;
}

const Ctx = createContext<CodingContextValue | null>(null);

/** Codes, the quick-key list, the code picker and the coding actions, shared by the workbench. */
export function CodingProvider({ projectKey, children }: { projectKey: string; children: ReactNode }) {
  const codes = useApiQuery('codes.tree', {});
  const tree = useMemo(() => codes.data ?? [], [codes.data]);
  const lookup = useMemo(() => codeLookup(codes.data), [codes.data]);
  const exists = useMemo(() => (codes.data ? (id: number) => lookup.has(id) : null), [codes.data, lookup]);
  const { recent, touch } = useRecentCodes(projectKey, exists);
  const search = useMemo(() => createCodeSearch(flattenCodes(tree)), [tree]);
  const actions = useCodingActions(lookup, touch);
  const [picker, setPicker] = useState<PickerRequest | null>(null);
  const { applyCode } = actions;

  const applyQuick = useCallback(
    (n: number) => {
      const id = recent[n - 1];
      if (id !== undefined) void applyCode(id);
    },
    [recent, applyCode],
  );

  const value = useMemo<CodingContextValue>(
    () => ({ ...actions, tree, lookup, search, recent, openPicker: setPicker, pickerOpen: picker !== null, applyQuick }),
    [actions, tree, lookup, search, recent, picker, applyQuick],
  );
  return (
    <Ctx.Provider value={value}>
      {children}
      {picker && <CodePicker request={picker} search={search} recent={recent} onClose={() => setPicker(null)} />}
    </Ctx.Provider>
  );
}

export function useCoding(): CodingContextValue {
  const ctx = useContext(Ctx);
  if (!ctx) throw new Error('useCoding outside CodingProvider');
  return ctx;
}
