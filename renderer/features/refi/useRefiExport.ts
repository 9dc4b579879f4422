import { useCallback, useEffect, useState } from 'react';
import { useApi } from '../../api/ApiContext.js';
import { useAction } from '../../hooks/useNotice.js';
import type { ExportChange } from '../../../shared/refi/applyExportProfile.js';
import type { ExportProfileId } from '../../../shared/refi/exportProfiles.js';
import { downloadBase64 } from './refiFiles.js';

/**
 * REFI-QDA export: in the desktop app a save dialog chooses the file; in
 * browser mode the file is downloaded. `profile` lays it out for the program
 * that will read it (shared/refi/exportProfiles.ts).
 */
export function useRefiExport() {
  const api = useApi();
  const act = useAction();
  const exportFile = useCallback(
    async (kind: 'qdpx' | 'qdc', profile: ExportProfileId = 'standard'): Promise<boolean> => {
      const method = kind === 'qdpx' ? 'refi.exportQdpx' : 'refi.exportQdc';
      const bridge = window.quarry;
      if (bridge) {
        const info = await act(() => api.call('project.info', {}));
        const paths = await bridge.pickFile('save-export', `${(info?.name ?? 'project').replace(/[\\/:*?"<>|]+/g, '-')}.${kind}`);
        if (!paths?.[0]) return false;
        const path = paths[0];
        return (await act(() => api.call(method, { path, profile }), `Exported ${path}`)) !== undefined;
      }
      const r = await act(() => api.call(method, { profile }));
      if (r?.dataBase64) downloadBase64(r.fileName, r.dataBase64, kind === 'qdpx' ? 'application/zip' : 'application/xml');
      return r !== undefined;
    },
    [api, act],
  );
  return { exportFile };
}

/** What exporting for `profile` would drop or change, asked again whenever the choice changes. */
export function useRefiExportPlan(kind: 'qdpx' | 'qdc', profile: ExportProfileId) {
  const api = useApi();
  const [plan, setPlan] = useState<{ profile: ExportProfileId; changes: ExportChange[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    setPlan(null);
    setError(null);
    api.call('refi.planExport', { format: kind, profile }).then(
      (p) => live && setPlan(p),
      (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [api, kind, profile]);
  return { plan: plan?.profile === profile ? plan : null, error };
}
