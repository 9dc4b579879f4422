import type { CodeNode } from '../../../shared/domain/types.js';
import { displayColor } from '../../../shared/domain/codeColor.js';

interface Props {
  tree: readonly CodeNode[];
  selected: readonly number[];
  onChange(ids: number[]): void;
  /** The dropdown's name ("Column codes"). */
  label: string;
  /** Shown when nothing is chosen ("every code"). */
  noneText: string;
}

function flatten(nodes: readonly CodeNode[], depth = 0, out: { node: CodeNode; depth: number }[] = []) {
  for (const n of nodes) {
    out.push({ node: n, depth });
    flatten(n.children, depth + 1, out);
  }
  return out;
}

/** Several codes from the tree, as a dropdown of checkboxes; the order of the tree is kept. */
export function CodeChecklist({ tree, selected, onChange, label, noneText }: Props) {
  const rows = flatten(tree);
  const chosen = new Set(selected);
  const toggle = (id: number, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(id);
    else next.delete(id);
    onChange(rows.map((r) => r.node.id).filter((x) => next.has(x)));
  };
  const summary =
    selected.length === 0 ? noneText : selected.length <= 2 ? selected.map((id) => rows.find((r) => r.node.id === id)?.node.name ?? '?').join(', ') : `${selected.length} codes`;
  return (
    <details className="q-pick">
      <summary aria-label={`${label}: ${summary}`}>{summary}</summary>
      <div className="q-pick-list" role="group" aria-label={label}>
        <div className="q-row">
          <button type="button" onClick={() => onChange(tree.map((n) => n.id))}>
            Top-level codes
          </button>
          <button type="button" onClick={() => onChange([])}>
            Clear
          </button>
        </div>
        {rows.map(({ node, depth }) => (
          <label key={node.id} style={{ paddingLeft: depth * 16 }} title={node.path}>
            <input type="checkbox" aria-label={node.path} checked={chosen.has(node.id)} onChange={(e) => toggle(node.id, e.target.checked)} />
            <span className="swatch inline" style={{ background: displayColor(node) }} />
            {node.name}
          </label>
        ))}
      </div>
    </details>
  );
}
