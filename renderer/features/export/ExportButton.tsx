import { useState } from 'react';
import { ExportDialog } from './ExportDialog.js';

/** Toolbar button that opens the export dialog (Word tables, CSV and reports for a paper). */
export function ExportButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)} title="Export tables, the codebook and coded passages to Word or CSV" aria-haspopup="dialog">
        Export…
      </button>
      {open && <ExportDialog onClose={() => setOpen(false)} />}
    </>
  );
}
