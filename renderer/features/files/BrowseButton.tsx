import { useState } from 'react';
import { createPortal } from 'react-dom';
import { FileBrowserDialog } from './FileBrowserDialog.js';

interface Props {
  label: string;
  /** The dialog's title. */
  title: string;
  mode: 'open' | 'save';
  suggestedName?: string;
  disabled?: boolean;
  onChoose(path: string): void;
}

/**
 * "Browse…" for a .quarry file: the system's dialog in the desktop app,
 * Quarry's own file browser in browser mode.
 */
export function BrowseButton({ label, title, mode, suggestedName, disabled, onChoose }: Props) {
  const [open, setOpen] = useState(false);
  const bridge = window.quarry;
  const click = async () => {
    if (!bridge) return setOpen(true);
    const paths = await bridge.pickFile(mode === 'open' ? 'open-project' : 'save-project', suggestedName);
    if (paths?.[0]) onChoose(paths[0]);
  };
  return (
    <>
      <button type="button" disabled={disabled} onClick={() => void click()}>
        {label}
      </button>
      {/* Out of the caller's DOM: the button often sits in a form inside another dialog, and forms must not nest. */}
      {open &&
        createPortal(
          <FileBrowserDialog
            title={title}
            mode={mode}
            extensions={['.quarry']}
            {...(suggestedName !== undefined ? { suggestedName } : {})}
            onClose={() => setOpen(false)}
            onChoose={(path) => {
              setOpen(false);
              onChoose(path);
            }}
          />,
          document.body,
        )}
    </>
  );
}
