import { useState } from 'react';
import { RefiImportDialog } from './RefiImportDialog.js';
import './refi.css';

/** On the start screen: a new project from another tool's REFI-QDA export. */
export function RefiImportSection() {
  const [open, setOpen] = useState(false);
  return (
    <section className="start-refi" aria-labelledby="refi-h">
      <h2 id="refi-h">From another QDA program</h2>
      <p className="hint">Open a REFI-QDA export (.qdpx, .qde) from NVivo, ATLAS.ti, MAXQDA or QualCoder, or a .qdc codebook, as a new project.</p>
      <button type="button" onClick={() => setOpen(true)}>
        Import REFI-QDA project…
      </button>
      {open && <RefiImportDialog onClose={() => setOpen(false)} />}
    </section>
  );
}
