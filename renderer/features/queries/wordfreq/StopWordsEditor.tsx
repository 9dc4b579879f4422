import { useState } from 'react';

interface Props {
  words: readonly string[];
  onAdd(input: string): Promise<boolean>;
  onRemove(word: string): void;
  onReset(): void;
  readOnly: boolean;
}

/** The project's stop words: find, add (several at once), remove, back to the English list. */
export function StopWordsEditor({ words, onAdd, onRemove, onReset, readOnly }: Props) {
  const [find, setFind] = useState('');
  const [adding, setAdding] = useState('');
  const needle = find.trim().toLowerCase();
  const shown = needle ? words.filter((w) => w.includes(needle)) : words;
  return (
    <details className="q-more stop-words">
      <summary>Stop words ({words.length})</summary>
      <div className="q-row">
        <input aria-label="Find a stop word" placeholder="Find…" value={find} onChange={(e) => setFind(e.target.value)} />
        <form
          className="q-row"
          onSubmit={(e) => {
            e.preventDefault();
            void onAdd(adding).then((ok) => ok && setAdding(''));
          }}
        >
          <input aria-label="Stop words to add" placeholder="Add words (comma or space between)" value={adding} onChange={(e) => setAdding(e.target.value)} disabled={readOnly} />
          <button type="submit" disabled={readOnly || !adding.trim()}>
            Add
          </button>
        </form>
        <span className="spacer" />
        <button type="button" onClick={onReset} disabled={readOnly}>
          Reset to the English list
        </button>
      </div>
      <ul className="chips" aria-label="Stop words">
        {shown.map((w) => (
          <li key={w} className="chip">
            {w}
            <button type="button" className="icon" aria-label={`Remove stop word ${w}`} onClick={() => onRemove(w)} disabled={readOnly}>
              ×
            </button>
          </li>
        ))}
      </ul>
    </details>
  );
}
