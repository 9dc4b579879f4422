import { useCallback, useState } from 'react';
import { ApiError } from '../../api/apiClient.js';
import { useApi } from '../../api/ApiContext.js';
import { useAction } from '../../hooks/useNotice.js';

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
    await act(async () => {
      const r = await api.call('project.openCleanedCopy', { path });
      return r.cleaned;
    }, 'Opened a cleaned copy; the original file was not changed.');
  }, [act, api, offer]);
  const dismiss = useCallback(() => setOffer(null), []);
  return { offer, offerFor, openCleanedCopy, dismiss };
}
