import { useCallback } from 'react';
import { useApi } from '../../api/ApiContext.js';
import { useAction } from '../../hooks/useNotice.js';
import { downloadBase64 } from './refiFiles.js';

/**
 * REFI-QDA export: in the desktop app a save dialog chooses the file; in
 * browser mode the file is downloaded.
 */
export function useRefiExport() {
  const api = useApi();
  const act = useAction();
  const exportFile = useCallback(
    async (kind: 'qdpx' | 'qdc') => {
      const method = kind === 'qdpx' ? 'refi.exportQdpx' : 'refi.exportQdc';
      const bridge = window.quarry;
      if (bridge) {
        const info = await act(() => api.call('project.info', {}));
        const paths = await bridge.pickFile('save-export', `${(info?.name ?? 'project').replace(/[\\/:*?"<>|]+/g, '-')}.${kind}`);
        if (!paths?.[0]) return;
        const path = paths[0];
        await act(() => api.call(method, { path }), `Exported ${path}`);
        return;
      }
      const r = await act(() => api.call(method, {}));
      if (r?.dataBase64) downloadBase64(r.fileName, r.dataBase64, kind === 'qdpx' ? 'application/zip' : 'application/xml');
    },
    [api, act],
  );
  return { exportFile };
}
