import { useState } from 'react';
import type { CodeNode } from '../../../shared/domain/types.js';
import { useApi } from '../../api/ApiContext.js';
import { useAction } from '../../hooks/useNotice.js';
import { useWorkbench } from '../workbench/workbenchState.js';

interface Props {
  tree: CodeNode[];
  onApply: (codeId: number) => void;
}

function matches(node: CodeNode, filter: string): boolean {
  return node.name.toLowerCase().includes(filter) || node.children.some((c) => matches(c, filter));
}

/** The code tree (NVivo's Nodes): colours, counts, create, and code the selection by click or drop. */
export function CodesPanel({ tree, onApply }: Props) {
  const api = useApi();
  const act = useAction();
  const wb = useWorkbench();
  const [name, setName] = useState('');
  const [filter, setFilter] = useState('');
  const [collapsed, setCollapsed] = useState<Set<number>>(new Set());

  const create = async () => {
    const clean = name.trim();
    if (!clean) return;
    const res = await act(() => api.call('codes.create', { name: clean, parentId: wb.activeCodeId ?? null }));
    if (res) {
      setName('');
      wb.setActiveCodeId(res.id);
    }
  };

  const toggle = (id: number) =>
    setCollapsed((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const renderNode = (node: CodeNode, depth: number) => {
    if (filter && !matches(node, filter)) return null;
    const open = !collapsed.has(node.id) || !!filter;
    return (
      <li key={node.id} role="treeitem" aria-expanded={node.children.length ? open : undefined} aria-selected={wb.activeCodeId === node.id}>
        <div
          className={`code-row${wb.activeCodeId === node.id ? ' selected' : ''}`}
          style={{ paddingLeft: 4 + depth * 14 }}
          data-code-path={node.path}
          onClick={() => wb.setActiveCodeId(node.id)}
          onDragOver={(e) => {
            if (wb.selection) e.preventDefault();
          }}
          onDrop={(e) => {
            e.preventDefault();
            onApply(node.id);
          }}
        >
          {node.children.length > 0 ? (
            <button type="button" className="twisty" aria-label={open ? 'Collapse' : 'Expand'} onClick={(e) => (e.stopPropagation(), toggle(node.id))}>
              {open ? '▾' : '▸'}
            </button>
          ) : (
            <span className="twisty" />
          )}
          <span className="swatch" style={{ background: node.color }} />
          <span className="code-name" title={node.description || node.path}>
            {node.name}
          </span>
          <span className="code-count" title={`${node.references} references in ${node.sources} sources`}>
            {node.references}
          </span>
          {wb.selection && (
            <button
              type="button"
              className="code-apply"
              aria-label={`Code selection at ${node.path}`}
              onClick={(e) => {
                e.stopPropagation();
                onApply(node.id);
              }}
            >
              Code
            </button>
          )}
        </div>
        {open && node.children.length > 0 && <ul role="group">{node.children.map((c) => renderNode(c, depth + 1))}</ul>}
      </li>
    );
  };

  return (
    <section className="panel codes-panel" aria-labelledby="codes-h">
      <div className="panel-head">
        <h2 id="codes-h">Codes</h2>
      </div>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
      >
        <input aria-label="New code name" placeholder="New code…" value={name} onChange={(e) => setName(e.target.value)} />
        <button type="submit">Add</button>
      </form>
      <input className="filter" aria-label="Filter codes" placeholder="Filter" value={filter} onChange={(e) => setFilter(e.target.value.toLowerCase())} />
      <ul className="tree" role="tree" aria-label="Codes">
        {tree.map((n) => renderNode(n, 0))}
      </ul>
    </section>
  );
}
