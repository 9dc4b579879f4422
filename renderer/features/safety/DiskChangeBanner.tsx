import { useState } from 'react';
import type { ProjectInfo } from '../../../shared/domain/types.js';
import { useApi } from '../../api/ApiContext.js';
import { useAction } from '../../hooks/useNotice.js';
import { useDiskStatus } from './useDiskStatus.js';
import './safety.css';

/**
 * Shown when the project file changed underneath Quarry: Quarry has stopped
 * saving to it (so it overwrites nothing) and offers to reopen the file as
 * it now is, or to save what Quarry has as a copy and go on working there.
 */
export function DiskChangeBanner({ project }: { project: ProjectInfo }) {
  const api = useApi();
  const act = useAction();
  const { status } = useDiskStatus(!project.readOnly);
  const [copyName, setCopyName] = useState('');
  const [asking, setAsking] = useState(false);
  if (!status?.change) return null;
  const bridge = window.quarry;

  const saveCopy = async () => {
    if (bridge) {
      const picked = await bridge.pickFile('save-project', `${project.name} (my copy).quarry`);
      if (picked?.[0]) await act(() => api.call('project.saveCopy', { path: picked[0]! }), 'Saved a copy; you are now working in it.');
      return;
    }
    if (!asking) {
      setAsking(true);
      setCopyName(`${project.name} (my copy)`);
      return;
    }
    if (copyName.trim()) await act(() => api.call('project.saveCopy', { path: copyName.trim() }), 'Saved a copy; you are now working in it.');
  };

  return (
    <div className="disk-change" role="alert" data-testid="disk-change">
      <p>{status.message}</p>
      <div className="disk-change-actions">
        <button type="button" onClick={() => void act(() => api.call('project.reopen', {}), 'Reopened the project from disk.')}>
          Reopen from disk
        </button>
        {asking && !bridge && <input value={copyName} onChange={(e) => setCopyName(e.target.value)} aria-label="Name of the copy" />}
        <button type="button" onClick={() => void saveCopy()}>
          {asking && !bridge ? 'Save the copy' : 'Save a copy…'}
        </button>
      </div>
    </div>
  );
}
