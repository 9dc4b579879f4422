import { useMemo, type DragEvent } from 'react';
import type { CaseRecord } from '../../../shared/domain/caseTypes.js';
import type { ClassificationData } from './useClassificationData.js';

interface Node {
  c: CaseRecord;
  depth: number;
}

/** Cases in tree order: each parent followed by its sub-cases, indented (a loop another program wrote is cut). */
function flatten(cases: readonly CaseRecord[]): Node[] {
  const ids = new Set(cases.map((c) => c.id));
  const kids = new Map<number | null, CaseRecord[]>();
  for (const c of cases) {
    const p = c.parentId !== null && ids.has(c.parentId) ? c.parentId : null;
    kids.set(p, [...(kids.get(p) ?? []), c]);
  }
  const out: Node[] = [];
  const seen = new Set<number>();
  const walk = (parent: number | null, depth: number) => {
    for (const c of kids.get(parent) ?? []) {
      if (seen.has(c.id)) continue;
      seen.add(c.id);
      out.push({ c, depth });
      walk(c.id, depth + 1);
    }
  };
  walk(null, 0);
  for (const c of cases) if (!seen.has(c.id)) out.push({ c, depth: 0 });
  return out;
}

/** The nested case tree: drag a case onto another (or use “Move under…”) and pick each case’s classification. */
export function CaseTree({ data }: { data: ClassificationData }) {
  const nodes = useMemo(() => flatten(data.cases), [data.cases]);
  const drop = (target: number | null) => (e: DragEvent) => {
    e.preventDefault();
    const id = Number(e.dataTransfer.getData('application/x-quarry-case'));
    if (id && id !== target) void data.moveCase(id, target);
  };
  return (
    <section className="panel case-tree" aria-labelledby="case-tree-h">
      <div className="panel-head">
        <h2 id="case-tree-h">Case tree</h2>
      </div>
      <p className="hint" onDragOver={(e) => e.preventDefault()} onDrop={drop(null)}>
        Drag a case onto another to nest it (drop here for the top level), or use “Move under…”.
      </p>
      <table className="case-tree-table">
        <thead>
          <tr>
            <th>Case</th>
            <th>Classification</th>
            <th>Move under…</th>
            <th>Sources</th>
          </tr>
        </thead>
        <tbody>
          {nodes.map(({ c, depth }) => (
            <tr key={c.id} data-testid="case-tree-row" onDragOver={(e) => e.preventDefault()} onDrop={drop(c.id)}>
              <td
                draggable
                onDragStart={(e) => e.dataTransfer.setData('application/x-quarry-case', String(c.id))}
                style={{ paddingLeft: `${0.5 + depth * 1.4}em` }}
                className="case-tree-name"
              >
                {depth > 0 ? '└ ' : ''}
                {c.name}
              </td>
              <td>
                <select
                  aria-label={`Classification of ${c.name}`}
                  value={c.classificationId ?? ''}
                  onChange={(e) => void data.classifyCase(c.id, e.target.value === '' ? null : Number(e.target.value))}
                >
                  <option value="">(none)</option>
                  {data.classifications.map((k) => (
                    <option key={k.id} value={k.id}>
                      {k.name}
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <select aria-label={`Move ${c.name} under`} value={c.parentId ?? ''} onChange={(e) => void data.moveCase(c.id, e.target.value === '' ? null : Number(e.target.value))}>
                  <option value="">(top level)</option>
                  {data.cases
                    .filter((o) => o.id !== c.id)
                    .map((o) => (
                      <option key={o.id} value={o.id}>
                        {o.name}
                      </option>
                    ))}
                </select>
              </td>
              <td className="hint">{c.sources.map((s) => s.name).join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
