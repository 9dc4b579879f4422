import type { CodeNode } from '../../../shared/domain/types.js';
import { displayChord, isMacPlatform } from '../shortcuts/keyChord.js';
import type { TextSelection } from '../workbench/workbenchState.js';
import { displayColor } from '../../../shared/domain/codeColor.js';

interface Props {
  selection: TextSelection;
  recent: readonly number[];
  lookup: Map<number, CodeNode>;
  inVivoUnder: string | null;
  onPick(): void;
  onQuick(n: number): void;
  onInVivo(): void;
  onAnnotate(): void;
}

function excerpt(text: string, max = 48): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const cps = [...flat];
  return cps.length > max ? `${cps.slice(0, max - 1).join('')}…` : flat;
}

/** What can be done with the selected text: the picker, quick codes, in vivo, annotate. */
export function SelectionBar({ selection, recent, lookup, inVivoUnder, onPick, onQuick, onInVivo, onAnnotate }: Props) {
  const mac = isMacPlatform();
  return (
    <div className="context-bar selection-bar" role="toolbar" aria-label="Selected text">
      <span className="context-what" dir="auto">
        “{excerpt(selection.text)}”
      </span>
      <button type="button" onClick={onPick} title={`Code with the picker (${displayChord('Mod+K', mac)} or C)`}>
        Code… <kbd>{displayChord('Mod+K', mac)}</kbd>
      </button>
      <button type="button" onClick={onInVivo} title={`New code named from these words${inVivoUnder ? ` under ${inVivoUnder}` : ''} (V)`}>
        In vivo <kbd>V</kbd>
      </button>
      <button type="button" onClick={onAnnotate} title="Annotate the selection (A)">
        Annotate <kbd>A</kbd>
      </button>
      {recent.length > 0 && (
        <span className="quick-codes" aria-label="Quick codes">
          {recent.slice(0, 9).map((id, i) => {
            const code = lookup.get(id);
            if (!code) return null;
            return (
              <button key={id} type="button" className="quick-chip" onClick={() => onQuick(i + 1)} title={`${code.path} (${displayChord(`Mod+${i + 1}`, mac)} or ${i + 1})`}>
                <kbd>{i + 1}</kbd>
                <span className="swatch" style={{ background: displayColor(code) }} />
                {code.name}
              </button>
            );
          })}
        </span>
      )}
    </div>
  );
}
