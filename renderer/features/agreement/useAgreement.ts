import { useCallback, useEffect, useMemo, useState } from 'react';
import type { AgreementQuery } from '../../../shared/domain/agreementTypes.js';
import { useApi } from '../../api/ApiContext.js';
import { useApiQuery } from '../../hooks/useApiQuery.js';
import { useAction } from '../../hooks/useNotice.js';

export interface ComparisonSettings {
  coderA: string;
  coderB: string;
  /** Empty = the codes either coder used. */
  codeIds: number[];
  /** Empty = all sources. */
  sourceIds: number[];
  excludeUncoded: boolean;
  /** Extra coders for Krippendorff's alpha. */
  alphaCoders: string[];
}

/** The comparison's settings, its result, the disagreements of one source, and accepting a version. */
export function useAgreement() {
  const api = useApi();
  const act = useAction();
  const overview = useApiQuery('coders.overview', {});
  const coders = useMemo(() => overview.data?.coders ?? [], [overview.data]);
  const [settings, setSettings] = useState<ComparisonSettings>({ coderA: '', coderB: '', codeIds: [], sourceIds: [], excludeUncoded: false, alphaCoders: [] });
  const [sourceId, setSourceId] = useState<number | null>(null);

  // Default pair: the current coder (if they coded) against the coder with most codings.
  useEffect(() => {
    if (settings.coderA || coders.length < 2) return;
    const active = [...coders].filter((c) => c.codings > 0).sort((x, y) => Number(y.current) - Number(x.current) || y.codings - x.codings);
    if (active.length >= 2) setSettings((s) => ({ ...s, coderA: active[0]!.name, coderB: active[1]!.name }));
  }, [coders, settings.coderA]);

  const query: AgreementQuery = {
    coderA: settings.coderA,
    coderB: settings.coderB,
    excludeUncoded: settings.excludeUncoded,
    ...(settings.codeIds.length ? { codeIds: settings.codeIds } : {}),
    ...(settings.sourceIds.length ? { sourceIds: settings.sourceIds } : {}),
    ...(settings.alphaCoders.length ? { alphaCoders: settings.alphaCoders } : {}),
  };
  const ready = !!settings.coderA && !!settings.coderB && settings.coderA !== settings.coderB;
  const result = useApiQuery('agreement.compare', query, { enabled: ready });
  const compared = result.data?.comparedSources ?? [];
  const shownSource = sourceId !== null && compared.some((s) => s.id === sourceId) ? sourceId : (compared[0]?.id ?? null);
  const disagreements = useApiQuery('agreement.disagreements', { ...query, sourceId: shownSource ?? 0 }, { enabled: ready && shownSource !== null });

  const accept = useCallback(
    (args: { sourceId: number; codeId: number; start: number; end: number; from: string }) => act(() => api.call('agreement.accept', args)),
    [api, act],
  );
  const update = useCallback((patch: Partial<ComparisonSettings>) => setSettings((s) => ({ ...s, ...patch })), []);

  return {
    coders,
    me: overview.data?.currentName ?? '',
    settings,
    update,
    ready,
    result: ready ? result : null,
    sourceId: shownSource,
    setSourceId,
    disagreements: ready && shownSource !== null ? disagreements.data : undefined,
    accept,
  };
}
