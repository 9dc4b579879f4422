/**
 * Blind coding: while on, the document shows only the current coder's
 * codings, so co-authors code independently before they compare. A
 * per-machine preference for each project (kept in localStorage, never in
 * the project file), shared by every component through one small store.
 */
import { useCallback, useSyncExternalStore } from 'react';

const PREFIX = 'quarry.blindCoding:';
const listeners = new Set<() => void>();

function read(projectKey: string): boolean {
  try {
    return localStorage.getItem(PREFIX + projectKey) === '1';
  } catch {
    return false;
  }
}

export function setBlindCoding(projectKey: string, on: boolean): void {
  try {
    if (on) localStorage.setItem(PREFIX + projectKey, '1');
    else localStorage.removeItem(PREFIX + projectKey);
  } catch {
    // storage unavailable: the setting lasts for this page only
  }
  memory.set(projectKey, on);
  for (const l of listeners) l();
}

const memory = new Map<string, boolean>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useBlindCoding(projectKey: string): [boolean, (on: boolean) => void] {
  const blind = useSyncExternalStore(subscribe, () => memory.get(projectKey) ?? read(projectKey));
  const set = useCallback((on: boolean) => setBlindCoding(projectKey, on), [projectKey]);
  return [blind, set];
}
