import { useState } from 'react';
import { createPortal } from 'react-dom';
import type { PickKind } from '../../api/transport.js';
import { FileBrowserDialog } from './FileBrowserDialog.js';

interface Props {
  label: string;
  /** The dialog's title. */
  title: string;
  mode: 'open' | 'save';
  suggestedName?: string;
  disabled?: boolean;
  /** Lower-case, with the dot: the kinds of file the browser shows (default: projects). */
  extensions?: string[];
  /** The desktop app's dialog (default: opening or saving a project). */
  kind?: PickKind;
  tip?: string;
  testId?: string;
  /** An absolute path on the machine that runs Quarry; `all` has every path when a desktop dialog allows several. */
  onChoose(path: string, all: string[]): void;
}

/**
 * "Browse…": the system's dialog in the desktop app, Quarry's own file
 * browser (served by the local server) in browser mode. Either way the
 * result is a path the core reads from or writes to; an imported file's
 * bytes never travel through the page.
 */
export function BrowseButton({ label, title, mode, suggestedName, disabled, extensions = ['.quarry'], kind, tip, testId, onChoose }: Props) {
  const [open, setOpen] = useState(false);
  const bridge = window.quarry;
  const click = async () => {
    if (!bridge) return setOpen(true);
    const paths = await bridge.pickFile(kind ?? (mode === 'open' ? 'open-project' : 'save-project'), suggestedName);
    if (paths?.[0]) onChoose(paths[0], paths);
  };
  return (
    <>
      <button type="button" disabled={disabled} title={tip} data-testid={testId} onClick={() => void click()}>
        {label}
      </button>
      {/* Out of the caller's DOM: the button often sits in a form inside another dialog, and forms must not nest. */}
      {open &&
        createPortal(
          <FileBrowserDialog
            title={title}
            mode={mode}
            extensions={extensions}
            {...(suggestedName !== undefined ? { suggestedName } : {})}
            onClose={() => setOpen(false)}
            onChoose={(path) => {
              setOpen(false);
              onChoose(path, [path]);
            }}
          />,
          document.body,
        )}
    </>
  );
}
