import type { CodeNode } from '../../../../shared/domain/types.js';
import type { SpreadTo } from '../../../../shared/queries/types.js';
import { displayColor } from '../../../../shared/domain/codeColor.js';

interface Props {
  totalHits: number;
  code: CodeNode | undefined;
  onChooseCode(): void;
  spread: SpreadTo;
  onSpread(s: SpreadTo): void;
  onCodeAll(): void;
  scope: string;
  readOnly: boolean;
}

/** "Code all hits at … spread to …": one undoable step. */
export function CodeHitsBar({ totalHits, code, onChooseCode, spread, onSpread, onCodeAll, scope, readOnly }: Props) {
  return (
    <div className="q-row code-hits" aria-label="Code all hits">
      <span>Code all {scope} at</span>
      <button type="button" onClick={onChooseCode} disabled={readOnly} aria-label="Code for the hits">
        {code ? (
          <>
            <span className="swatch inline" style={{ background: displayColor(code) }} /> {code.path}
          </>
        ) : (
          'Choose a code…'
        )}
      </button>
      <label className="q-inline">
        spread to{' '}
        <select aria-label="Spread coding to" value={spread} onChange={(e) => onSpread(e.target.value as SpreadTo)}>
          <option value="none">the hit only</option>
          <option value="sentence">its sentence</option>
          <option value="paragraph">its paragraph</option>
        </select>
      </label>
      <button type="button" onClick={onCodeAll} disabled={readOnly || !code || totalHits === 0}>
        Code all hits
      </button>
    </div>
  );
}
