import { useState } from 'react';
import type { Memo } from '../../../shared/domain/types.js';
import { byline, formatWhen } from './memoFormat.js';
import { MemoEditor } from './MemoEditor.js';

interface Props {
  memo: Memo;
  about?: string;
  onSave(id: number, title: string, body: string): Promise<unknown>;
  onDelete(id: number): void;
  onGo?: () => void;
}

/** One memo with its author and time; edit and delete in place. */
export function MemoCard({ memo, about, onSave, onDelete, onGo }: Props) {
  const [editing, setEditing] = useState(false);
  return (
    <article className="memo-card" data-memo-id={memo.id} aria-label={memo.title || `Memo by ${memo.author ?? 'unknown'}`}>
      <header className="memo-card-head">
        {about && (onGo ? (
          <button type="button" className="link" onClick={onGo} title="Show what this memo is about">
            {about}
          </button>
        ) : (
          <span className="memo-about">{about}</span>
        ))}
        <span className="memo-byline" title={`Created ${formatWhen(memo.createdAt)}, last edited ${formatWhen(memo.modifiedAt)}`}>
          {byline(memo.author, memo.createdAt)}
          {memo.modifiedAt !== memo.createdAt ? ' · edited' : ''}
        </span>
      </header>
      {editing ? (
        <MemoEditor
          initialTitle={memo.title}
          initialBody={memo.body}
          saveLabel="Save"
          autoFocus
          onSave={async (t, b) => {
            const r = await onSave(memo.id, t, b);
            if (r) setEditing(false);
          }}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <>
          {memo.title && <h3 className="memo-title">{memo.title}</h3>}
          <p className="memo-body">{memo.body}</p>
          <div className="row-buttons">
            <button type="button" onClick={() => setEditing(true)}>
              Edit
            </button>
            <button type="button" onClick={() => onDelete(memo.id)} aria-label={`Delete memo${memo.title ? ` ${memo.title}` : ''}`}>
              Delete
            </button>
          </div>
        </>
      )}
    </article>
  );
}
