import { useState } from 'react';

interface Props {
  initialTitle?: string;
  initialBody?: string;
  saveLabel: string;
  onSave(title: string, body: string): Promise<unknown> | void;
  onCancel?(): void;
  autoFocus?: boolean;
}

/** Title and text of a memo; Ctrl/⌘+Enter saves. */
export function MemoEditor({ initialTitle = '', initialBody = '', saveLabel, onSave, onCancel, autoFocus }: Props) {
  const [title, setTitle] = useState(initialTitle);
  const [body, setBody] = useState(initialBody);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    if (!body.trim() || busy) return;
    setBusy(true);
    try {
      await onSave(title, body);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="memo-editor"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <input aria-label="Memo title (optional)" placeholder="Title (optional)" value={title} onChange={(e) => setTitle(e.target.value)} />
      <textarea
        aria-label="Memo text"
        placeholder="Write the memo… (Ctrl+Enter saves)"
        rows={5}
        autoFocus={autoFocus}
        data-autofocus={autoFocus ? '' : undefined}
        value={body}
        onChange={(e) => setBody(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            void save();
          }
        }}
      />
      <div className="row-buttons">
        <button type="submit" className="primary-small" disabled={!body.trim() || busy}>
          {saveLabel}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
