import { useState } from 'react';
import { BrowseButton } from '../files/BrowseButton.js';
import { Modal } from '../workbench/Modal.js';
import { ImportSummary } from './ImportSummary.js';
import { stemOf } from './refiFiles.js';
import { useRefiImport } from './useRefiImport.js';
import './refi.css';

/**
 * Import a REFI-QDA project (.qdpx or .qde from NVivo, ATLAS.ti, MAXQDA,
 * QualCoder…, or a .qdc codebook) as a NEW Quarry project: choose the file,
 * see what will come in and what will not, accept the losses if there are
 * any, and the new project opens.
 */
export function RefiImportDialog({ onClose }: { onClose: () => void }) {
  const imp = useRefiImport();
  const [path, setPath] = useState<string | null>(null);
  const [accept, setAccept] = useState(false);
  const bridge = window.quarry;
  const target = path ?? (imp.file ? stemOf(imp.file.fileName) : '');
  const losses = imp.report?.skipped.length ?? 0;
  const ready = !!imp.report && target.trim() !== '' && (losses === 0 || accept) && !imp.busy;

  const create = async () => {
    if (await imp.create(target.trim(), accept)) onClose();
  };
  const chooseTarget = async () => {
    const picked = await bridge?.pickFile('save-project', `${target || 'Imported project'}.quarry`);
    if (picked?.[0]) setPath(picked[0]);
  };

  return (
    <Modal title="Import a REFI-QDA project" onClose={onClose} className="refi-dialog">
      <p className="hint">A .qdpx or .qde exported by NVivo, ATLAS.ti, MAXQDA, QualCoder or Quarry, or a .qdc codebook. It becomes a new project; the open one is not changed.</p>
      <div className="refi-source">
        <BrowseButton
          mode="open"
          label="Choose file…"
          title="Import a REFI-QDA project"
          extensions={['.qdpx', '.qde', '.qdc']}
          kind="import-refi"
          testId="refi-by-path"
          onChoose={(p) => {
            setAccept(false);
            setPath(null);
            void imp.pickPath(p);
          }}
        />
        {imp.file && 'filePath' in imp.file && <span className="hint">{imp.file.filePath}</span>}
      </div>
      <label>
        Or upload it from this browser{' '}
        <input
          type="file"
          accept=".qdpx,.qde,.qdc,.xml,.zip"
          data-testid="refi-file"
          onChange={(e) => {
            const f = e.target.files?.[0];
            setAccept(false);
            setPath(null);
            if (f) void imp.pick(f);
          }}
        />
      </label>
      {imp.busy && !imp.report && <p className="hint">Reading the file…</p>}
      {imp.error && (
        <p className="refi-error" role="alert">
          {imp.error}
        </p>
      )}
      {imp.report && (
        <>
          <ImportSummary report={imp.report} />
          <div className="refi-target">
            {bridge ? (
              <>
                <span>New project: {target || '—'}</span>
                <button type="button" onClick={() => void chooseTarget()}>
                  Choose where…
                </button>
              </>
            ) : (
              <>
                <label>
                  New project (a name, or a full path ending in .quarry){' '}
                  <input aria-label="New project name" value={target} onChange={(e) => setPath(e.target.value)} />
                </label>
                <BrowseButton label="Choose where…" title="Where to save the imported project" mode="save" suggestedName={target || 'Imported project'} onChoose={setPath} />
              </>
            )}
          </div>
          {losses > 0 && (
            <label className="check refi-accept">
              <input type="checkbox" checked={accept} onChange={(e) => setAccept(e.target.checked)} /> I accept that the {losses} item(s) listed above will not be imported
            </label>
          )}
        </>
      )}
      <div className="modal-actions">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="primary" disabled={!ready} onClick={() => void create()}>
          {imp.busy && imp.report ? 'Importing…' : 'Create project'}
        </button>
      </div>
    </Modal>
  );
}
