import { useState } from 'react';
import type { ItemSetInfo } from '../../../shared/domain/setTypes.js';
import { Modal } from '../workbench/Modal.js';

interface Props {
  /** What is being added ("the source Ana 1", "the code Barriers"). */
  what: string;
  memberId: number;
  sets: readonly ItemSetInfo[];
  onAdd(setId: number, setName: string): Promise<unknown>;
  onCreate(name: string): Promise<unknown>;
  onClose(): void;
}

/** "Add to set…": the sets of this kind (those already holding it greyed), or a new set made on the spot. */
export function AddToSetDialog({ what, memberId, sets, onAdd, onCreate, onClose }: Props) {
  const [name, setName] = useState('');
  const done = (r: unknown) => r !== undefined && onClose();
  return (
    <Modal title={`Add ${what} to a set`} onClose={onClose} closeButton>
      {sets.length > 0 ? (
        <ul className="folder-choices" aria-label="Sets">
          {sets.map((s) => {
            const has = s.memberIds.includes(memberId);
            return (
              <li key={s.id}>
                <button type="button" disabled={has} onClick={async () => done(await onAdd(s.id, s.name))}>
                  <span aria-hidden="true">◇ </span>
                  {s.name}
                  {has ? ' (already in it)' : ` (${s.memberIds.length})`}
                </button>
              </li>
            );
          })}
        </ul>
      ) : (
        <p className="hint">No sets of this kind yet: name one below.</p>
      )}
      <form
        className="inline-form"
        onSubmit={async (e) => {
          e.preventDefault();
          done(await onCreate(name));
        }}
      >
        <input aria-label="New set name" placeholder="New set…" value={name} onChange={(e) => setName(e.target.value)} autoFocus={sets.length === 0} />
        <button type="submit" disabled={!name.trim()}>
          Create and add
        </button>
      </form>
    </Modal>
  );
}
