import { useState } from 'react';
import type { SavedQueryDefinition } from '../../../shared/queries/types.js';
import { useSavedQueries } from './useSavedQueries.js';

interface Props {
  definition: SavedQueryDefinition | null;
  readOnly: boolean;
}

/** "Save query…": names the current definition and stores it in the project. */
export function SaveQueryButton({ definition, readOnly }: Props) {
  const { queries, save } = useSavedQueries();
  const [name, setName] = useState<string | null>(null);
  if (name === null) {
    return (
      <button type="button" disabled={!definition || readOnly} onClick={() => setName('')} title="Keep this query in the project to run it again">
        Save query…
      </button>
    );
  }
  const existing = queries.find((q) => q.name.trim().toLowerCase() === name.trim().toLowerCase());
  return (
    <form
      className="q-row q-save"
      onSubmit={(e) => {
        e.preventDefault();
        if (!definition || !name.trim()) return;
        void save(name.trim(), definition, existing?.id).then((r) => r && setName(null));
      }}
    >
      <input aria-label="Query name" autoFocus value={name} placeholder="Name" maxLength={200} onChange={(e) => setName(e.target.value)} />
      <button type="submit" disabled={!name.trim()}>
        {existing ? 'Replace' : 'Save'}
      </button>
      <button type="button" onClick={() => setName(null)}>
        Cancel
      </button>
    </form>
  );
}
