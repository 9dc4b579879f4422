import { useState } from 'react';
import type { SourceFolder, SourceSummary } from '../../../shared/domain/types.js';
import { Modal } from '../workbench/Modal.js';
import type { SourceActions } from './useSourceActions.js';

/** "Move to folder…": the folders, the top level, or a new folder made on the spot. */
export function MoveToFolderDialog({ source, folders, actions, onClose }: { source: SourceSummary; folders: readonly SourceFolder[]; actions: SourceActions; onClose(): void }) {
  const [name, setName] = useState('');
  const moveTo = async (folderId: number | null, folderName: string | null) => {
    if ((await actions.move([source.id], folderId, folderName)) !== undefined) onClose();
  };
  return (
    <Modal title={`Move ${source.name} to…`} onClose={onClose} closeButton>
      <ul className="folder-choices" aria-label="Folders">
        {folders.map((f) => (
          <li key={f.id}>
            <button type="button" disabled={f.id === source.folderId} onClick={() => void moveTo(f.id, f.name)}>
              <span aria-hidden="true">▸ </span>
              {f.name}
            </button>
          </li>
        ))}
        <li>
          <button type="button" disabled={source.folderId === null} onClick={() => void moveTo(null, null)}>
            Top level (no folder)
          </button>
        </li>
      </ul>
      <form
        className="inline-form"
        onSubmit={async (e) => {
          e.preventDefault();
          const made = await actions.createFolder(name);
          if (made) await moveTo(made.id, made.name);
        }}
      >
        <input aria-label="New folder name" placeholder="New folder…" value={name} onChange={(e) => setName(e.target.value)} />
        <button type="submit" disabled={!name.trim()}>
          Create and move
        </button>
      </form>
    </Modal>
  );
}
