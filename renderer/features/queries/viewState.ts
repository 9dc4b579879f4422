/**
 * State of the query panels that outlives the panel: the workbench mounts
 * only the active view, and a user who jumps from a search hit to the
 * document and back expects the search still there. Kept in memory per
 * project (nothing is written to disk; saved queries are the durable form).
 */
import { createContext, useCallback, useContext, useSyncExternalStore } from 'react';
import type { QueryViewKey, QueryViewStates } from './queryViewStates.js';

const values = new Map<string, unknown>();
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The open project's key (its guid or path): panels of another project start afresh. */
export const ProjectScope = createContext('');

export function setViewState<T>(key: string, value: T): void {
  values.set(key, value);
  for (const l of listeners) l();
}

function read<T>(key: string, initial: T): T {
  // The first read stores the default so later reads return the same object (a stable snapshot).
  if (!values.has(key)) values.set(key, initial);
  return values.get(key) as T;
}

/** Sets any panel's state of this project (opening a saved query fills the panel it belongs to). */
export function useViewStateWriter(): <K extends QueryViewKey>(key: K, value: QueryViewStates[K]) => void {
  const scope = useContext(ProjectScope);
  return useCallback(<K extends QueryViewKey>(key: K, value: QueryViewStates[K]) => setViewState(`${scope}\u0000${key}`, value), [scope]);
}

/** Like useState, but kept while the app runs (per project and key); the key decides the type. */
export function useViewState<K extends QueryViewKey, T extends QueryViewStates[K] = QueryViewStates[K]>(
  key: K,
  initial: T,
): [QueryViewStates[K], (next: QueryViewStates[K] | ((prev: QueryViewStates[K]) => QueryViewStates[K])) => void] {
  const full = `${useContext(ProjectScope)}\u0000${key}`;
  type V = QueryViewStates[K];
  const value = useSyncExternalStore(subscribe, () => read<V>(full, initial));
  const set = useCallback(
    (next: V | ((prev: V) => V)) => {
      const prev = values.get(full) as V;
      setViewState(full, typeof next === 'function' ? (next as (p: V) => V)(prev) : next);
    },
    [full],
  );
  return [value, set];
}
