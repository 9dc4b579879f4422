import { useState } from 'react';
import { createPortal } from 'react-dom';
import type { PickKind } from '../../api/transport.js';
import { FileBrowserDialog } from './FileBrowserDialog.js';

interface Props {
  label: string;
  /** The dialog's title. */
  title: string;
  /** Lower-case, with the dot: the kinds of file the browser shows. */
  extensions: string[];
  /** The desktop app's dialog for the same files. */
  kind: PickKind;
  tip?: string;
  disabled?: boolean;
  testId?: string;
  /** Absolute paths on the machine that runs Quarry (several only from a desktop dialog that allows it). */
  onChoose(paths: string[]): void;
}

/**
 * Picks a file to import by its path, so the core reads it from disk: the
 * system's dialog in the desktop app, Quarry's own file browser (served by
 * the local server) in browser mode. The bytes never travel through the page.
 */
export function PickFileButton({ label, title, extensions, kind, tip, disabled, testId, onChoose }: Props) {
  const [open, setOpen] = useState(false);
  const bridge = window.quarry;
  const click = async () => {
    if (!bridge) return setOpen(true);
    const paths = await bridge.pickFile(kind);
    if (paths && paths.length > 0) onChoose(paths);
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
            mode="open"
            extensions={extensions}
            onClose={() => setOpen(false)}
            onChoose={(path) => {
              setOpen(false);
              onChoose([path]);
            }}
          />,
          document.body,
        )}
    </>
  );
}
