import { Modal } from '../workbench/Modal.js';
import type { DeleteRequest } from './useCodeEditing.js';

/** Asks before deleting a code, saying how many codings (and child codes) go with it. */
export function DeleteCodeDialog({ request, onConfirm, onCancel }: { request: DeleteRequest; onConfirm(): void; onCancel(): void }) {
  const children = request.codes - 1;
  const codings = `${request.codings} ${request.codings === 1 ? 'coding' : 'codings'}`;
  return (
    <Modal title={`Delete the code “${request.path}”?`} onClose={onCancel} className="confirm-dialog">
      <p data-testid="delete-summary">
        This deletes {children > 0 ? `the code and its ${children} child ${children === 1 ? 'code' : 'codes'}` : 'the code'} and removes{' '}
        <strong>{codings}</strong>. You can undo it with Ctrl+Z.
      </p>
      <div className="row-buttons end">
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="button" className="danger" onClick={onConfirm}>
          Delete code and {codings}
        </button>
      </div>
    </Modal>
  );
}
