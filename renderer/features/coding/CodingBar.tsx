import type { CodeNode, Coding } from '../../../shared/domain/types.js';
import { formatWhen } from '../memos/memoFormat.js';
import type { TextSelection } from '../workbench/workbenchState.js';
import { displayColor } from '../../../shared/domain/codeColor.js';

interface Props {
  coding: Coding;
  code: CodeNode | undefined;
  selection: TextSelection | null;
  onUncode(): void;
  onRecode(): void;
  onSetSpan(): void;
  onNudge(edge: 'start' | 'end', dir: -1 | 1): void;
  onMemo(): void;
  onClose(): void;
}

/** The selected coding: its code, coder and time, and what can be done to it. */
export function CodingBar({ coding, code, selection, onUncode, onRecode, onSetSpan, onNudge, onMemo, onClose }: Props) {
  const canSetSpan = !!selection && selection.sourceId === coding.sourceId && (selection.start !== coding.start || selection.end !== coding.end);
  return (
    <div className="context-bar coding-bar" role="toolbar" aria-label="Selected coding" data-testid="coding-bar">
      <span className="swatch" style={{ background: displayColor(code) }} />
      <strong className="context-what">{code?.path ?? 'Coding'}</strong>
      <span className="hint" data-testid="coding-attribution">
        coded by {coding.coderName} · {formatWhen(coding.createdAt)} · [{coding.start}–{coding.end})
      </span>
      <button type="button" onClick={onUncode} title="Remove this coding (Delete)">
        Uncode <kbd>Del</kbd>
      </button>
      <button type="button" onClick={onRecode} title="Move this coding to another code (R)">
        Recode… <kbd>R</kbd>
      </button>
      <button type="button" onClick={onSetSpan} disabled={!canSetSpan} title="Make the coding cover the selected text (S)">
        Set span <kbd>S</kbd>
      </button>
      <span className="nudge" role="group" aria-label="Resize the coding by a word">
        <span className="hint">start</span>
        <button type="button" onClick={() => onNudge('start', -1)} title="Start one word earlier ([)" aria-label="Extend the start one word">
          ⇤
        </button>
        <button type="button" onClick={() => onNudge('start', 1)} title="Start one word later (])" aria-label="Shrink the start one word">
          ⇥
        </button>
        <span className="hint">end</span>
        <button type="button" onClick={() => onNudge('end', -1)} title="End one word earlier (Shift+[)" aria-label="Shrink the end one word">
          ⇤
        </button>
        <button type="button" onClick={() => onNudge('end', 1)} title="End one word later (Shift+])" aria-label="Extend the end one word">
          ⇥
        </button>
      </span>
      <button type="button" onClick={onMemo} title="Memo on this coding (M)">
        Memo… <kbd>M</kbd>
      </button>
      <button type="button" className="icon" onClick={onClose} aria-label="Deselect the coding (Escape)" title="Deselect (Escape)">
        ✕
      </button>
    </div>
  );
}
