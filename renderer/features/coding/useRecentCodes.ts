import { useCallback, useEffect, useState } from 'react';
import { parseRecent, pruneRecent, pushRecent } from './recentCodes.js';

/** The quick-key list of one project, kept in localStorage so it survives reloads. */
export function useRecentCodes(projectKey: string, exists: ((id: number) => boolean) | null) {
  const storageKey = `quarry.recentCodes.${projectKey}`;
  const [recent, setRecent] = useState<number[]>(() => parseRecent(localStorage.getItem(storageKey)));
  useEffect(() => setRecent(parseRecent(localStorage.getItem(storageKey))), [storageKey]);
  useEffect(() => {
    if (exists) setRecent((list) => pruneRecent(list, exists));
  }, [exists]);
  useEffect(() => localStorage.setItem(storageKey, JSON.stringify(recent)), [storageKey, recent]);
  const touch = useCallback((codeId: number) => setRecent((list) => pushRecent(list, codeId)), []);
  return { recent, touch };
}
