import { useState } from 'react';
import type { SourceSummary } from '../../../shared/domain/types.js';
import { useApiQuery } from '../../hooks/useApiQuery.js';
import { Modal } from '../workbench/Modal.js';
import type { SourceActions } from './useSourceActions.js';

/** "Assign to case…": an existing case, a new one by name, or none. */
export function AssignCaseDialog({ source, actions, onClose }: { source: SourceSummary; actions: SourceActions; onClose(): void }) {
  const cases = useApiQuery('cases.list', {});
  const [name, setName] = useState('');
  const assign = async (target: { caseId: number | null } | { caseName: string }) => {
    if ((await actions.assignCase(source.id, target)) !== undefined) onClose();
  };
  return (
    <Modal title={`Assign ${source.name} to a case`} onClose={onClose} closeButton>
      <ul className="folder-choices" aria-label="Cases">
        {cases.data?.map((c) => (
          <li key={c.id}>
            <button type="button" disabled={c.id === source.caseId} onClick={() => void assign({ caseId: c.id })}>
              {c.name}
            </button>
          </li>
        ))}
        <li>
          <button type="button" disabled={source.caseId === null} onClick={() => void assign({ caseId: null })}>
            No case
          </button>
        </li>
      </ul>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (name.trim()) void assign({ caseName: name.trim() });
        }}
      >
        <input aria-label="New case name" placeholder="New case…" value={name} onChange={(e) => setName(e.target.value)} />
        <button type="submit" disabled={!name.trim()}>
          Create and assign
        </button>
      </form>
    </Modal>
  );
}
