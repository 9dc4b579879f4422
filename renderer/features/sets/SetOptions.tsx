import { SET_KINDS } from '../../../shared/domain/setTypes.js';
import { SET_KIND_LABELS, type SetChoice } from './setChoices.js';

/** The <option>s of a set picker, grouped by kind (a kind with no sets is left out). */
export function SetOptions({ sets }: { sets: readonly SetChoice[] }) {
  return (
    <>
      {SET_KINDS.map((kind) => {
        const ofKind = sets.filter((s) => s.kind === kind);
        return ofKind.length === 0 ? null : (
          <optgroup key={kind} label={SET_KIND_LABELS[kind]}>
            {ofKind.map((s) => (
              <option key={s.key} value={s.value}>
                {s.name}
              </option>
            ))}
          </optgroup>
        );
      })}
    </>
  );
}
