import { useApiQuery } from '../../hooks/useApiQuery.js';
import { Modal } from '../workbench/Modal.js';
import { useWorkbench } from '../workbench/workbenchState.js';
import { MemoCard } from './MemoCard.js';
import { MemoEditor } from './MemoEditor.js';
import { TARGET_NAMES, type MemoTargetRef } from './memoFormat.js';
import { listFilterFor, memoMatches, useMemoActions } from './useMemoActions.js';

/** Memos on one subject (project, source, code, coding, or an annotated span): read, add, edit, delete. */
export function MemoDialog({ target }: { target: MemoTargetRef }) {
  const wb = useWorkbench();
  const memos = useApiQuery('memos.list', listFilterFor(target));
  const actions = useMemoActions();
  const mine = (memos.data ?? []).filter((m) => memoMatches(m, target));
  const noun = target.target === 'span' ? 'annotation' : 'memo';
  return (
    <Modal title={target.label} onClose={() => wb.openMemos(null)} className="memo-dialog">
      <p className="hint">
        {TARGET_NAMES[target.target]} {noun}s are saved in the project with your name and the time.
      </p>
      {mine.length > 0 && (
        <div className="memo-list">
          {mine.map((m) => (
            <MemoCard key={m.id} memo={m} onSave={(id, t, b) => actions.update(id, t, b)} onDelete={(id) => void actions.remove(id)} />
          ))}
        </div>
      )}
      <h3 className="memo-new-h">{mine.length ? `Add another ${noun}` : `New ${noun}`}</h3>
      <MemoEditor key={mine.length} saveLabel={`Save ${noun}`} autoFocus onSave={(t, b) => actions.add(target, t, b)} />
      <div className="row-buttons end">
        <button type="button" onClick={() => wb.openMemos(null)}>
          Close
        </button>
      </div>
    </Modal>
  );
}
