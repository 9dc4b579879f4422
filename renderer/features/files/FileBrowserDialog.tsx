import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { FolderEntry } from '../../../shared/domain/folderTypes.js';
import { Modal } from '../workbench/Modal.js';
import { childPath, useFileBrowser } from './useFileBrowser.js';
import './files.css';

interface Props {
  title: string;
  /** 'open' picks an existing file; 'save' picks a folder and takes a new file's name. */
  mode: 'open' | 'save';
  /** Lower-case, with the dot: the kinds of file shown (and, for 'save', added to a name without one). */
  extensions: string[];
  suggestedName?: string;
  /** The folder to start in; default: the latest project's folder. */
  start?: string;
  onChoose(path: string): void;
  onClose(): void;
}

const sizeText = (bytes: number) =>
  bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(0)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Arrow keys move between the entries; Home/End to the first and last. */
function moveFocus(e: KeyboardEvent<HTMLUListElement>): void {
  const buttons = [...e.currentTarget.querySelectorAll<HTMLButtonElement>('button.file-entry')];
  const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
  const to = e.key === 'ArrowDown' ? at + 1 : e.key === 'ArrowUp' ? at - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? buttons.length - 1 : null;
  if (to === null) return;
  e.preventDefault();
  buttons[Math.max(0, Math.min(buttons.length - 1, to))]?.focus();
}

/**
 * Browser mode's file dialog, served by the local Quarry (files.list): the
 * desktop app uses the system's dialogs instead. Keyboard: type a path and
 * press Enter, arrows move in the list, Enter opens a folder or chooses a
 * file, Backspace goes up a folder.
 */
export function FileBrowserDialog({ title, mode, extensions, suggestedName = '', start, onChoose, onClose }: Props) {
  const browser = useFileBrowser(extensions, start);
  const { listing } = browser;
  const [typed, setTyped] = useState('');
  const [selected, setSelected] = useState<string | null>(null);
  const [name, setName] = useState(suggestedName);
  const list = useRef<HTMLUListElement>(null);

  useEffect(() => {
    if (!listing) return;
    setTyped(listing.display);
    setSelected(null);
  }, [listing]);

  const newFileName = () => {
    const trimmed = name.trim();
    const ext = extensions[0] ?? '';
    return ext && !trimmed.toLowerCase().endsWith(ext) ? `${trimmed}${ext}` : trimmed;
  };
  const canChoose = listing !== null && (mode === 'open' ? selected !== null : name.trim() !== '' && !/[\\/]/.test(name));
  const choose = () => {
    if (!listing || !canChoose) return;
    onChoose(childPath(listing.path, mode === 'open' ? selected! : newFileName()));
  };
  const activate = (entry: FolderEntry) => {
    if (!listing) return;
    if (entry.kind === 'folder') browser.go(childPath(listing.path, entry.name));
    else if (mode === 'open') onChoose(childPath(listing.path, entry.name));
    else setName(entry.name);
  };

  return (
    <Modal
      closeButton
      wide
      title={title}
      onClose={onClose}
      className="file-browser"
      actions={
        <>
          {mode === 'save' && (
            <label className="file-name">
              File name
              <input value={name} onChange={(e) => setName(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && choose()} />
            </label>
          )}
          {mode === 'open' && <span className="hint">{selected ? selected : `Choose a ${extensions.join(' or ')} file`}</span>}
          <span className="spacer" />
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="primary" disabled={!canChoose} onClick={choose}>
            {mode === 'open' ? 'Open' : 'Save here'}
          </button>
        </>
      }
    >
      <div className="file-browser-body">
        <nav className="file-places" aria-label="Places">
          <ul>
            {listing?.places.map((p) => (
              <li key={p.path}>
                <button type="button" className={`link${p.path === listing.path ? ' current' : ''}`} title={p.path} onClick={() => browser.go(p.path)}>
                  {p.label}
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <div className="file-main">
          <form
            className="file-path"
            onSubmit={(e) => {
              e.preventDefault();
              // React passes events up through portals: the caller's own form must not see this one.
              e.stopPropagation();
              browser.go(typed);
            }}
          >
            <button type="button" aria-label="Up one folder" title="Up one folder (Backspace)" disabled={!listing?.parent} onClick={() => listing?.parent && browser.go(listing.parent)}>
              ↑
            </button>
            <input aria-label="Folder" value={typed} onChange={(e) => setTyped(e.target.value)} spellCheck={false} />
            <button type="submit">Go</button>
          </form>
          {browser.error && (
            <p className="error-text" role="alert">
              {browser.error}
            </p>
          )}
          <ul
            ref={list}
            className="file-list"
            aria-label={listing ? `Contents of ${listing.display}` : 'Folder contents'}
            aria-busy={browser.loading}
            onKeyDown={(e) => {
              if (e.key === 'Backspace' && listing?.parent) {
                e.preventDefault();
                browser.go(listing.parent);
              } else moveFocus(e);
            }}
          >
            {listing?.entries.map((entry) => (
              <li key={entry.name}>
                <button
                  type="button"
                  className={`file-entry ${entry.kind}${selected === entry.name ? ' selected' : ''}`}
                  aria-pressed={entry.kind === 'file' ? selected === entry.name : undefined}
                  data-kind={entry.kind}
                  onClick={() => (entry.kind === 'folder' ? activate(entry) : mode === 'open' ? setSelected(entry.name) : setName(entry.name))}
                  onDoubleClick={() => entry.kind === 'file' && activate(entry)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter') {
                      e.preventDefault();
                      activate(entry);
                    }
                  }}
                >
                  <span className="file-icon" aria-hidden="true">
                    {entry.kind === 'folder' ? '▸' : '◆'}
                  </span>
                  <span className="file-entry-name">{entry.name}</span>
                  <span className="file-entry-size">{entry.kind === 'file' ? sizeText(entry.size) : ''}</span>
                  <span className="file-entry-date">{new Date(entry.modified).toLocaleDateString()}</span>
                </button>
              </li>
            ))}
            {listing && listing.entries.length === 0 && <li className="hint empty">No folders or {extensions.join(' or ')} files here.</li>}
            {listing && listing.omitted > 0 && <li className="hint">{listing.omitted.toLocaleString()} more not shown; type a path to go further.</li>}
          </ul>
        </div>
      </div>
    </Modal>
  );
}
