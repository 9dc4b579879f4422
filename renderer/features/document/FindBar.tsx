import { useEffect } from 'react';
import type { FindModel } from './useFindInDocument.js';

/** The find bar above the document: query, "3 of 17", previous/next, close. */
export function FindBar({ find }: { find: FindModel }) {
  useEffect(() => {
    find.inputRef.current?.focus();
  }, []);
  const count = find.matches.length;
  const status = !find.query ? '' : find.waiting ? 'Reading the whole document…' : count === 0 ? 'No matches' : `${find.current + 1} of ${count}`;
  return (
    <div className="find-bar" role="search" aria-label="Find in document">
      <input
        ref={find.inputRef}
        type="search"
        aria-label="Find in document"
        placeholder="Find in document"
        value={find.query}
        onChange={(e) => find.setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            if (e.shiftKey) find.previous();
            else find.next();
          } else if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            find.close();
          } else if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'f') {
            e.preventDefault();
            e.currentTarget.select();
          }
        }}
      />
      <span className="find-count" data-testid="find-count" aria-live="polite">
        {status}
      </span>
      <button type="button" className="small" aria-label="Previous match" title="Previous match (Shift+Enter)" disabled={count === 0} onClick={find.previous}>
        ↑
      </button>
      <button type="button" className="small" aria-label="Next match" title="Next match (Enter)" disabled={count === 0} onClick={find.next}>
        ↓
      </button>
      <button type="button" className="small" aria-label="Close find" title="Close (Escape)" onClick={find.close}>
        ×
      </button>
    </div>
  );
}
