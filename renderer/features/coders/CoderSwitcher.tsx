import { useState } from 'react';
import { useApi } from '../../api/ApiContext.js';
import { useApiQuery } from '../../hooks/useApiQuery.js';
import { useAction } from '../../hooks/useNotice.js';

/** The current coder (recorded on every coding and memo), and changing it. */
export function CoderSwitcher() {
  const api = useApi();
  const act = useAction();
  const info = useApiQuery('app.info', {});
  const coders = useApiQuery('coders.list', {});
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState('');
  const current = info.data?.coderName ?? '';

  if (!editing) {
    return (
      <button
        type="button"
        className="link coder-switch"
        data-testid="current-coder"
        title="Codings and memos are recorded under this name. Click to change."
        onClick={() => {
          setName(current);
          setEditing(true);
        }}
      >
        Coder: {current || '—'}
      </button>
    );
  }
  const save = async () => {
    const clean = name.trim();
    if (clean && clean !== current) await act(() => api.call('app.setCoder', { name: clean }), `Now coding as ${clean}`);
    setEditing(false);
  };
  return (
    <form
      className="coder-form"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <label>
        Coder{' '}
        <input
          autoFocus
          list="coder-names"
          aria-label="Coder name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          onKeyDown={(e) => e.key === 'Escape' && setEditing(false)}
        />
      </label>
      <datalist id="coder-names">
        {(coders.data ?? []).map((c) => (
          <option key={c.id} value={c.name} />
        ))}
      </datalist>
      <button type="submit">Set</button>
      <button type="button" onClick={() => setEditing(false)}>
        Cancel
      </button>
    </form>
  );
}
