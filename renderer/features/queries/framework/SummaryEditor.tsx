import { useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { continueList, selectionIsBulleted, toggleBullets, type TextEdit } from './summaryEditing.js';
import { SummaryView } from './SummaryView.js';

interface Props {
  text: string;
  onChange(text: string): void;
  onSave(): void;
  dirty: boolean;
  readOnly: boolean;
  label: string;
}

/**
 * The cell summary editor: a text box where lines starting "- " are
 * bullets, a toolbar toggle for bullet lists, Enter continuing a list, and
 * the rendered summary live beside it.
 */
export function SummaryEditor({ text, onChange, onSave, dirty, readOnly, label }: Props) {
  const box = useRef<HTMLTextAreaElement>(null);
  const [sel, setSel] = useState({ start: 0, end: 0 });
  const pendingSel = useRef<{ start: number; end: number } | null>(null);

  // After a programmatic edit, put the selection where the edit says.
  useLayoutEffect(() => {
    const p = pendingSel.current;
    if (p && box.current) {
      box.current.setSelectionRange(p.start, p.end);
      pendingSel.current = null;
    }
  });

  const apply = (e: TextEdit) => {
    pendingSel.current = { start: e.selStart, end: e.selEnd };
    setSel({ start: e.selStart, end: e.selEnd });
    onChange(e.text);
  };
  const readSel = () => {
    const el = box.current;
    if (el) setSel({ start: el.selectionStart, end: el.selectionEnd });
  };
  const toggle = () => {
    const el = box.current;
    const s = el ? { start: el.selectionStart, end: el.selectionEnd } : sel;
    apply(toggleBullets(text, s.start, s.end));
    el?.focus();
  };
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    const el = e.currentTarget;
    if (e.key === 'Enter' && !e.shiftKey && !e.ctrlKey && !e.metaKey && !e.altKey && el.selectionStart === el.selectionEnd) {
      const edit = continueList(text, el.selectionStart);
      if (edit) {
        e.preventDefault();
        apply(edit);
      }
    } else if ((e.ctrlKey || e.metaKey) && (e.key === 's' || e.key === 'S')) {
      e.preventDefault();
      onSave();
    } else if ((e.ctrlKey || e.metaKey) && e.shiftKey && e.key === '8') {
      e.preventDefault();
      toggle();
    }
  };
  const bulleted = selectionIsBulleted(text, sel.start, sel.end);

  return (
    <div className="fw-editor">
      <div className="fw-toolbar" role="toolbar" aria-label="Summary formatting">
        <button type="button" aria-pressed={bulleted} onClick={toggle} disabled={readOnly} title="Bullet list (Ctrl+Shift+8): lines starting “- ” are bullets">
          • Bullet list
        </button>
        <span className="hint">Each line is a paragraph; “- ” starts a bullet.</span>
        <span className="spacer" />
        <span className="hint" aria-live="polite">
          {dirty ? 'Unsaved changes' : 'Saved'}
        </span>
        <button type="button" onClick={onSave} disabled={readOnly || !dirty} title="Save the summary (Ctrl+S)">
          Save
        </button>
      </div>
      <div className="fw-editor-split">
        <textarea
          ref={box}
          aria-label={label}
          className="fw-text"
          value={text}
          readOnly={readOnly}
          placeholder="Summarise what the passages say about this theme…"
          onChange={(e) => {
            onChange(e.target.value);
            setSel({ start: e.target.selectionStart, end: e.target.selectionEnd });
          }}
          onSelect={readSel}
          onKeyDown={onKeyDown}
        />
        <div className="fw-preview" aria-label="Summary as it will appear">
          <SummaryView summary={text} empty="(empty)" />
        </div>
      </div>
    </div>
  );
}
