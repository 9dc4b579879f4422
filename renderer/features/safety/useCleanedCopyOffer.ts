import { useCallback, useState } from 'react';
import { ApiError } from '../../api/apiClient.js';
import { useApi } from '../../api/ApiContext.js';
import type { ResultOf } from '../../../shared/api/contract.js';
import { useAction, useNotice } from '../../hooks/useNotice.js';

type CleanedCopyReport = ResultOf<'project.openCleanedCopy'>['cleaned'];

const fileName = (path: string): string => path.split(/[\\/]/).pop() ?? path;

/** What the user is told once the cleaned copy is open. */
export function describeCleanedCopy(r: CleanedCopyReport): string {
  const refused = r.tables.reduce((n, t) => n + t.skipped, 0);
  const parts = [`Opened ${fileName(r.path)}, a cleaned copy.`];
  if (r.leftOut.length) parts.push(`Left out: ${r.leftOut.join('; ')}.`);
  if (refused) parts.push(`${refused} row${refused === 1 ? '' : 's'} that broke Quarry's rules were not copied.`);
  parts.push(`${fileName(r.from)} was not changed.`);
  return parts.join(' ');
}

export interface CleanedCopyOfferState {
  path: string;
  message: string;
}

/**
 * A project file Quarry refused because it holds things Quarry did not create
 * (`untrusted_file`): the refusal stays on screen with the offer to open a
 * cleaned copy — a new project beside it with its data and nothing else.
 */
export function useCleanedCopyOffer() {
  const api = useApi();
  const act = useAction();
  const { notify } = useNotice();
  const [offer, setOffer] = useState<CleanedCopyOfferState | null>(null);
  /** Takes the error of an open; true when it was such a refusal (now offered). */
  const offerFor = useCallback((err: unknown, path: string): boolean => {
    if (!(err instanceof ApiError) || err.code !== 'untrusted_file') return false;
    setOffer({ path, message: err.message });
    return true;
  }, []);
  const openCleanedCopy = useCallback(async () => {
    if (!offer) return;
    const { path } = offer;
    setOffer(null);
    const r = await act(() => api.call('project.openCleanedCopy', { path }));
    if (r) notify(describeCleanedCopy(r.cleaned));
  }, [act, api, notify, offer]);
  const dismiss = useCallback(() => setOffer(null), []);
  return { offer, offerFor, openCleanedCopy, dismiss };
}
