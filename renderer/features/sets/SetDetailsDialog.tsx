import { useState } from 'react';
import type { ItemSetInfo } from '../../../shared/domain/setTypes.js';
import { Modal } from '../workbench/Modal.js';

export type SetDetail = 'name' | 'description';

interface Props {
  set: ItemSetInfo;
  /** Which of the set's details is edited: "Rename…" or "Describe…". */
  field: SetDetail;
  /** Saves the value; a refusal (a name the kind already has, an empty name) comes back as the API's error. */
  onSave(value: string): Promise<unknown>;
  onClose(): void;
}

/** "Rename…" and "Describe…" on a set: the API's refusal is shown in the dialog, which stays open to correct it. */
export function SetDetailsDialog({ set, field, onSave, onClose }: Props) {
  const [value, setValue] = useState(field === 'name' ? set.name : set.description);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const formId = `set-${field}-${set.id}`;
  const save = async () => {
    setBusy(true);
    try {
      await onSave(value);
      onClose();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const label = field === 'name' ? 'Set name' : 'Description';
  return (
    <Modal
      title={field === 'name' ? `Rename the set “${set.name}”` : `Describe the set “${set.name}”`}
      onClose={onClose}
      closeButton
      actions={
        <>
          <span className="spacer" />
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form={formId} className="primary" disabled={busy}>
            {field === 'name' ? 'Rename' : 'Save'}
          </button>
        </>
      }
    >
      <form
        id={formId}
        className="set-details-form"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        {field === 'name' ? (
          <input aria-label={label} value={value} onChange={(e) => (setValue(e.target.value), setError(null))} data-autofocus aria-invalid={error !== null} />
        ) : (
          <textarea aria-label={label} value={value} rows={5} onChange={(e) => (setValue(e.target.value), setError(null))} data-autofocus />
        )}
        {error && (
          <p className="error-text" role="alert">
            {error}
          </p>
        )}
      </form>
    </Modal>
  );
}
