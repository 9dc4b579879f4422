import { useState } from 'react';
import { JobProgressBar } from '../jobs/JobProgressBar.js';
import { useNotice } from '../../hooks/useNotice.js';
import { Modal } from '../workbench/Modal.js';
import { ConflictList } from './ConflictList.js';
import { MergeSummaryTable } from './MergeSummaryTable.js';
import { SkippedList } from './SkippedList.js';
import { useMerge } from './useMerge.js';
import './merge.css';
import { BrowseButton } from '../files/BrowseButton.js';

/**
 * Merge a co-author's copy of the project (.quarry): preview what comes in,
 * decide each conflict, merge as one undoable step. The other file is only read.
 */
export function MergeDialog({ onClose }: { onClose: () => void }) {
  const m = useMerge();
  const { notify } = useNotice();
  const [typed, setTyped] = useState('');
  const bridge = window.quarry;

  const pick = async () => {
    const paths = await bridge?.pickFile('open-project');
    if (paths?.[0]) void m.load(paths[0]);
  };
  const apply = async () => {
    const r = await m.apply();
    if (!r) return;
    notify(`Merged ${r.other.name || 'the file'}: ${r.codings.added} codings, ${r.memos.added} memos and ${r.sources.added.length} sources added. Undo takes it all back.`);
    onClose();
  };

  return (
    <Modal title="Merge a co-author’s project" onClose={onClose} className="merge-dialog">
      <p className="hint">
        Brings in what your co-author added to their copy of this project: codings with their coder, memos with their author, new sources, codes and cases. Sources
        are matched by their text, codes by identity or path. Nothing in either file is lost, and the other file is never changed.
      </p>
      {bridge ? (
        <div className="merge-pick">
          <button type="button" onClick={() => void pick()}>
            Choose the co-author’s .quarry file…
          </button>
          {m.path && <span className="hint">{m.path}</span>}
        </div>
      ) : (
        <form
          className="merge-pick"
          onSubmit={(e) => {
            e.preventDefault();
            if (typed.trim()) void m.load(typed.trim());
          }}
        >
          <label>
            Path of the co-author’s .quarry file{' '}
            <input aria-label="Path of the co-author’s project" value={typed} placeholder="/home/me/Downloads/study-daniel.quarry" onChange={(e) => setTyped(e.target.value)} />
          </label>
          <button type="submit" disabled={!typed.trim() || m.busy}>
            Preview
          </button>
          <BrowseButton label="Browse…" title="The co-author’s project" mode="open" disabled={m.busy} onChoose={(path) => void m.load(path)} />
        </form>
      )}
      {m.error && (
        <p className="merge-error" role="alert">
          {m.error}
        </p>
      )}
      {m.preview && (
        <>
          <h3 className="merge-heading">
            From “{m.preview.other.name}”
            {m.preview.nothingToDo && <span className="merge-ok"> — nothing to merge: everything in it is already here.</span>}
          </h3>
          <MergeSummaryTable s={m.preview} />
          <SkippedList skipped={m.preview.skipped} />
          <ConflictList conflicts={m.preview.conflicts} decisions={m.decisions} onDecide={m.decide} />
        </>
      )}
      <JobProgressBar job={m.job} what={m.preview ? 'Merging' : 'Reading the other file'} />
      <div className="modal-actions">
        {!m.job.running && (
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        )}
        <button type="button" className="primary" disabled={!m.preview || m.preview.nothingToDo || m.busy} onClick={() => void apply()}>
          {m.busy && m.preview ? 'Merging…' : 'Merge'}
        </button>
      </div>
    </Modal>
  );
}
