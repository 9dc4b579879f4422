import { useEffect, useRef, useState } from 'react';
import type { CodeNode } from '../../../shared/domain/types.js';
import { displayColor } from '../../../shared/domain/codeColor.js';
import { useWorkbench } from '../workbench/workbenchState.js';
import type { useCodeEditing } from './useCodeEditing.js';

interface Props {
  code: CodeNode;
  edit: ReturnType<typeof useCodeEditing>;
  onRename(): void;
  onPassages(): void;
}

/** The selected code: colour, description, and its actions (each also on a key in the tree). */
export function CodeDetails({ code, edit, onRename, onPassages }: Props) {
  const wb = useWorkbench();
  const [description, setDescription] = useState(code.description);
  const colorRef = useRef<HTMLInputElement>(null);
  useEffect(() => setDescription(code.description), [code.id, code.description]);

  // Commit the colour when the picker closes ("change"), not on every drag inside it ("input").
  useEffect(() => {
    const el = colorRef.current;
    if (!el) return;
    const onChange = () => {
      // Picking the colour a colourless code is drawn in still gives it that colour: the user chose it.
      if (el.value.toLowerCase() !== code.color?.toLowerCase()) void edit.update(code.id, { color: el.value });
    };
    el.addEventListener('change', onChange);
    return () => el.removeEventListener('change', onChange);
  }, [code.id, code.color, edit]);

  const saveDescription = () => {
    if (description !== code.description) void edit.update(code.id, { description });
  };

  return (
    <section className="code-details" aria-label={`Code ${code.path}`}>
      <div className="code-details-head">
        <input
          ref={colorRef}
          type="color"
          aria-label={`Colour of ${code.name}`}
          defaultValue={displayColor(code)}
          key={code.color ?? 'none'}
          title={code.color === null ? 'No colour of its own (drawn in a colour Quarry picks): choose one' : 'Change the colour'}
        />
        {code.color !== null && (
          <button type="button" onClick={() => void edit.update(code.id, { color: null })} title="Take the colour away: Quarry draws the code in a colour it picks and exports it without one">
            No colour
          </button>
        )}
        <strong className="code-details-name" title={code.path}>
          {code.path}
        </strong>
      </div>
      <textarea
        aria-label={`Description of ${code.name}`}
        placeholder="Describe the code: when to apply it, examples… (saved when you leave the box)"
        rows={2}
        value={description}
        onChange={(e) => setDescription(e.target.value)}
        onBlur={saveDescription}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            saveDescription();
          }
        }}
      />
      <div className="row-buttons wrap">
        <button type="button" onClick={onRename} title="Rename (F2)">
          Rename
        </button>
        <button type="button" onClick={() => edit.pickMoveTarget(code.id)} title="Move under another code (Shift+M)">
          Move to…
        </button>
        <button type="button" onClick={() => edit.pickMergeTarget(code.id)} title="Merge into another code (Shift+G)">
          Merge into…
        </button>
        <button type="button" onClick={() => wb.openMemos({ target: 'code', codeId: code.id, label: `Memos on the code ${code.path}` })}>
          Memo…
        </button>
        <button type="button" onClick={onPassages} title="Coded passages (double-click the code, or Enter)">
          Passages
        </button>
        <button type="button" className="danger-link" onClick={() => void edit.requestDelete(code.id)} title="Delete (Delete key)">
          Delete…
        </button>
      </div>
    </section>
  );
}
