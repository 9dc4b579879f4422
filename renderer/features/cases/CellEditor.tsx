import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { AttributeEditor } from '../../../shared/cases/attributeTypeRegistry.js';
import { NOT_APPLICABLE_LABEL, UNASSIGNED_LABEL, type AttributeType, type AttributeValue } from '../../../shared/cases/attributeTypes.js';
import { editorOf, inputTypeOf } from './attributeEditors.js';

/** Where the active cell goes after an edit is committed. */
export type Move = 'down' | 'up' | 'right' | 'left' | 'none';

interface Props {
  label: string;
  /** 'name' edits the case name; the rest edit an attribute value. */
  type: AttributeType | 'name';
  choices?: string[];
  value: AttributeValue;
  /** A character typed on the cell that started the edit (replaces the value). */
  typed?: string;
  /** raw is null when the user left the value as it was. */
  onCommit: (raw: string | null, move: Move) => void;
  onCancel: () => void;
}

const NA_RAW = NOT_APPLICABLE_LABEL;

const NAME_EDITOR: AttributeEditor = { kind: 'text-input', columnWidth: 180 };

function initialText(type: Props['type'], editor: AttributeEditor, value: AttributeValue, typed?: string): string {
  if (typed !== undefined) return typed;
  if (value.kind === 'value') return value.value;
  // A number or date input cannot show the words, so it starts empty.
  const showsWords = type !== 'name' && (editor.kind === 'select' || editor.kind === 'text-input');
  return value.kind === 'not_applicable' && showsWords ? NA_RAW : '';
}

/** The editor shown in a cell: an input or a select suited to the attribute's type. */
export function CellEditor({ label, type, choices, value, typed, onCommit, onCancel }: Props) {
  const editor = type === 'name' ? NAME_EDITOR : editorOf(type);
  const [text, setText] = useState(() => initialText(type, editor, value, typed));
  const [problem, setProblem] = useState<string | null>(null);
  const input = useRef<HTMLInputElement & HTMLSelectElement>(null);
  const done = useRef(false);
  // Only what the user changed is saved: Enter on an untouched Not applicable number must not clear it.
  const dirty = useRef(typed !== undefined);
  const lastKey = useRef(0);

  useEffect(() => {
    const el = input.current;
    if (!el) return;
    el.focus();
    // A typed first character continues; opening with Enter/F2 selects the value to replace it.
    if (typed === undefined && el.tagName === 'INPUT' && (el as HTMLInputElement).type === 'text') (el as HTMLInputElement).select();
  }, [typed]);

  // The element's own value: a keystroke's state update may not have rendered yet.
  const current = () => input.current?.value ?? text;

  const commit = (raw: string | null, move: Move) => {
    if (done.current) return;
    const el = input.current;
    // A number input reports '' for text it cannot read; do not let that erase the value.
    if (el?.tagName === 'INPUT' && el.validity.badInput) {
      setProblem(editor.badInput ?? 'Not a number');
      return;
    }
    done.current = true;
    onCommit(raw, move);
  };
  const cancel = () => {
    if (done.current) return;
    done.current = true;
    onCancel();
  };

  const onKeyDown = (e: KeyboardEvent) => {
    e.stopPropagation();
    if (e.key === 'Escape') {
      e.preventDefault();
      cancel();
    } else if (e.key === 'Enter') {
      e.preventDefault();
      commit(dirty.current ? current() : null, e.shiftKey ? 'up' : 'down');
    } else if (e.key === 'Tab') {
      e.preventDefault();
      commit(dirty.current ? current() : null, e.shiftKey ? 'left' : 'right');
    }
  };

  const special = (
    <>
      <button type="button" className="cell-special" tabIndex={-1} onMouseDown={(e) => e.preventDefault()} onClick={() => commit('', 'none')} title="Set to Unassigned">
        ∅
      </button>
      <button type="button" className="cell-special" tabIndex={-1} onMouseDown={(e) => e.preventDefault()} onClick={() => commit(NA_RAW, 'none')} title="Set to Not applicable">
        N/A
      </button>
    </>
  );

  if (editor.kind === 'select') {
    const options = (editor.options?.(choices ?? []) ?? []).map((o) => [o.value, o.label]);
    return (
      <div className="cell-editor">
        <select
          ref={input}
          aria-label={label}
          value={text}
          onChange={(e) => {
            dirty.current = true;
            setText(e.target.value);
            // A pick with the mouse saves at once; arrow keys only move until Enter or Tab.
            if (performance.now() - lastKey.current > 150) commit(e.target.value, 'none');
          }}
          onKeyDown={(e) => {
            lastKey.current = performance.now();
            onKeyDown(e);
          }}
          onBlur={() => commit(dirty.current ? current() : null, 'none')}
        >
          <option value="">{UNASSIGNED_LABEL}</option>
          <option value={NA_RAW}>{NOT_APPLICABLE_LABEL}</option>
          {options.map(([v, shown]) => (
            <option key={v} value={v}>
              {shown}
            </option>
          ))}
        </select>
      </div>
    );
  }

  const inputType = inputTypeOf(editor);
  return (
    <div className="cell-editor">
      <input
        ref={input}
        aria-label={label}
        type={inputType}
        step={inputType === 'number' ? 'any' : undefined}
        value={text}
        aria-invalid={problem !== null}
        title={problem ?? undefined}
        onChange={(e) => {
          dirty.current = true;
          setText(e.target.value);
          setProblem(null);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => commit(dirty.current ? current() : null, 'none')}
      />
      {type !== 'name' && special}
      {problem && <span className="cell-problem">{problem}</span>}
    </div>
  );
}
