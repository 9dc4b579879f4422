import { useState } from 'react';
import { AutoCodeDialog } from './AutoCodeDialog.js';

/** Toolbar button that opens the auto-code dialog (by speaker, question, heading or paragraph). */
export function AutoCodeButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)} title="Auto-code sources by speaker, question, heading or paragraph" aria-haspopup="dialog">
        Auto-code…
      </button>
      {open && <AutoCodeDialog onClose={() => setOpen(false)} />}
    </>
  );
}
