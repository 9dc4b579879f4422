import { useState } from 'react';
import { EXPORT_PROFILE_IDS, EXPORT_PROFILES, type ExportProfileId } from '../../../shared/refi/exportProfiles.js';
import { Modal } from '../workbench/Modal.js';
import { useRefiExport, useRefiExportPlan } from './useRefiExport.js';
import './refi.css';

/**
 * Export the project (.qdpx) or its codebook (.qdc) for one program: choose
 * which, read what that program will drop or see changed, then export.
 */
export function RefiExportDialog({ kind, onClose }: { kind: 'qdpx' | 'qdc'; onClose: () => void }) {
  const [profile, setProfile] = useState<ExportProfileId>('standard');
  const { plan, error } = useRefiExportPlan(kind, profile);
  const refi = useRefiExport();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      if (await refi.exportFile(kind, profile)) onClose();
    } finally {
      setBusy(false);
    }
  };
  const label = EXPORT_PROFILES[profile].label;
  return (
    <Modal title={kind === 'qdpx' ? 'Export a REFI-QDA project' : 'Export a REFI-QDA codebook'} onClose={onClose} className="refi-dialog">
      <label>
        For{' '}
        <select aria-label="For" value={profile} onChange={(e) => setProfile(e.target.value as ExportProfileId)}>
          {EXPORT_PROFILE_IDS.map((id) => (
            <option key={id} value={id}>
              {EXPORT_PROFILES[id].label}
            </option>
          ))}
        </select>
      </label>
      <div className="refi-summary refi-changes" data-testid="refi-changes">
        {error && (
          <p className="refi-error" role="alert">
            {error}
          </p>
        )}
        {!error && !plan && <p className="hint">Checking what {label} will read…</p>}
        {plan && plan.changes.length === 0 && <p>{profile === 'standard' ? 'The file follows the REFI-QDA standard exactly; nothing is changed.' : `${label} reads everything as it is.`}</p>}
        {plan && plan.changes.length > 0 && (
          <>
            <p>What {label} will drop or see changed:</p>
            <ul>
              {plan.changes.map((c, i) => (
                <li key={i}>
                  <span className="refi-kind">{c.kind}</span> {c.detail}
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
      <div className="modal-actions">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="primary" disabled={busy || !plan} onClick={() => void run()}>
          {busy ? 'Exporting…' : 'Export'}
        </button>
      </div>
    </Modal>
  );
}
