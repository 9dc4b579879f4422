import type { MergeSkipped } from '../../../shared/domain/mergeTypes.js';

/** Rows of the other file that do not fit and will not be merged, each with its reason. */
export function SkippedList({ skipped }: { skipped: MergeSkipped[] }) {
  if (skipped.length === 0) return null;
  return (
    <div className="merge-skipped" data-testid="merge-skipped">
      <h3>Left out ({skipped.length}): they do not fit and will not be merged</h3>
      <ul>
        {skipped.slice(0, 200).map((s, i) => (
          <li key={i}>
            <span className="merge-kind">{s.kind}</span> <bdi>{s.name}</bdi>: {s.reason}
          </li>
        ))}
      </ul>
      {skipped.length > 200 && <p className="hint">and {skipped.length - 200} more</p>}
    </div>
  );
}
