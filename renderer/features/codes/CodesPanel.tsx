import { describePath, newCodeTarget } from './newCodeTarget.js';
import { useCallback, useMemo, useRef, useState, type DragEvent, type KeyboardEvent, type ReactNode } from 'react';
import type { CodeNode } from '../../../shared/domain/types.js';
import { useApi } from '../../api/ApiContext.js';
import { useAction } from '../../hooks/useNotice.js';
import { useCoding } from '../coding/CodingProvider.js';
import { displayChord, isMacPlatform } from '../shortcuts/keyChord.js';
import { useWorkbench } from '../workbench/workbenchState.js';
import { CodeDetails } from './CodeDetails.js';
import { dropIntent, planCodeDrop, planKeyboardMove, visibleRows, type DropIntent } from './codeDrop.js';
import { CodeTreeRow, type RowHandlers } from './CodeTreeRow.js';
import { DeleteCodeDialog } from './DeleteCodeDialog.js';
import { useCodeCounts } from './useCodeCounts.js';
import { useCodeEditing } from './useCodeEditing.js';
import { useCodeMenu } from './useCodeMenu.js';
import { useContextMenuTrigger } from '../contextmenu/ContextMenuProvider.js';
import { ExportDialog } from '../export/ExportDialog.js';
import { ItemSets } from '../sets/ItemSets.js';
import './codes.css';

const CODE_TYPE = 'application/x-quarry-code';

/** The code tree (NVivo's Nodes): colours, counts, create, rename, recolour, drag to move or merge, code the selection. */
export function CodesPanel() {
  const api = useApi();
  const act = useAction();
  const wb = useWorkbench();
  const coding = useCoding();
  const edit = useCodeEditing();
  const tree = coding.tree;
  const { counts, whose } = useCodeCounts(tree);
  const [name, setName] = useState('');
  const [filter, setFilter] = useState('');
  const [collapsed, setCollapsed] = useState<Set<number>>(new Set());
  const [renamingId, setRenamingId] = useState<number | null>(null);
  const [drag, setDrag] = useState<number | null>(null);
  const [hint, setHint] = useState<{ id: number | null; intent: DropIntent | 'apply' } | null>(null);
  const treeRef = useRef<HTMLUListElement>(null);
  const nameRef = useRef<HTMLInputElement>(null);
  /** Set by "New child code…": the next code typed in the box goes under this one. */
  const [childOf, setChildOf] = useState<number | null>(null);
  const [quotesOf, setQuotesOf] = useState<string | null>(null);
  const [addingToSet, setAddingToSet] = useState<CodeNode | null>(null);
  const mac = isMacPlatform();
  const rows = useMemo(() => visibleRows(tree, collapsed, filter), [tree, collapsed, filter]);
  const shown = useMemo(() => new Set(rows.map((r) => r.node.id)), [rows]);

  /** Where a new code goes: under the code "New child code…" named, under the selected one with asChild, else the top level. */
  const parentFor = (asChild: boolean): number | null => childOf ?? (asChild ? wb.activeCodeId : null);
  const target = newCodeTarget(name, null);

  /** Adds a code at the top level, or under the selected code with asChild; "A/B" makes the path (reusing existing levels). */
  const create = async (asChild: boolean) => {
    const parentId = parentFor(asChild);
    const typed = newCodeTarget(name, parentId !== null ? (coding.lookup.get(parentId)?.path ?? null) : null);
    if (typed.kind === 'none') return;
    const res = await act(() => api.call('codes.create', typed.kind === 'path' ? { path: typed.path } : { name: typed.name, parentId }));
    if (res) {
      setName('');
      setChildOf(null);
      wb.setActiveCodeId(res.id);
    }
  };

  const toggle = (id: number, open?: boolean) =>
    setCollapsed((s) => {
      const next = new Set(s);
      const isOpen = !s.has(id);
      if (open === undefined ? isOpen : !open) next.add(id);
      else next.delete(id);
      return next;
    });

  const focusCode = useCallback(
    (id: number) => {
      wb.setActiveCodeId(id);
      requestAnimationFrame(() => treeRef.current?.querySelector<HTMLElement>(`[data-code-id="${id}"]`)?.focus());
    },
    [wb],
  );

  const onRowKey = (e: KeyboardEvent<HTMLLIElement>, node: CodeNode) => {
    const i = rows.findIndex((r) => r.node.id === node.id);
    const open = !collapsed.has(node.id) || !!filter;
    const key = e.key;
    let handled = true;
    if (e.altKey && (key === 'ArrowUp' || key === 'ArrowDown' || key === 'ArrowLeft')) {
      const plan = planKeyboardMove(tree, node.id, key === 'ArrowUp' ? 'up' : key === 'ArrowDown' ? 'down' : 'out');
      if (plan) void edit.runPlan(plan).then(() => focusCode(node.id));
    } else if (key === 'ArrowDown' && i + 1 < rows.length) focusCode(rows[i + 1]!.node.id);
    else if (key === 'ArrowUp' && i > 0) focusCode(rows[i - 1]!.node.id);
    else if (key === 'Home' && rows.length) focusCode(rows[0]!.node.id);
    else if (key === 'End' && rows.length) focusCode(rows[rows.length - 1]!.node.id);
    else if (key === 'ArrowRight' && node.children.length) {
      if (open) focusCode(node.children[0]!.id);
      else toggle(node.id, true);
    } else if (key === 'ArrowLeft') {
      if (node.children.length && open) toggle(node.id, false);
      else if (node.parentId !== null) focusCode(node.parentId);
    } else if (key === 'Enter') {
      if (wb.selection) void coding.applyCode(node.id);
      else openPassages(node.id);
    } else if (key === 'F2') setRenamingId(node.id);
    else if (key === 'Delete') void edit.requestDelete(node.id);
    else if (e.shiftKey && e.code === 'KeyM') edit.pickMoveTarget(node.id);
    else if (e.shiftKey && e.code === 'KeyG') edit.pickMergeTarget(node.id);
    else handled = false;
    if (handled) {
      e.preventDefault();
      e.stopPropagation();
    }
  };

  const openPassages = (id: number) => {
    wb.setActiveCodeId(id);
    wb.setViewId('passages');
  };

  const menuFor = useCodeMenu({
    edit,
    rename: setRenamingId,
    openPassages,
    newChild: (id) => {
      wb.setActiveCodeId(id);
      setChildOf(id);
      nameRef.current?.focus();
    },
    exportQuotes: setQuotesOf,
    addToSet: setAddingToSet,
  });
  const menuTarget = useRef<CodeNode | null>(null);
  const menu = useContextMenuTrigger(useCallback(() => (menuTarget.current ? menuFor(menuTarget.current) : null), [menuFor]));

  const isCodeDrag = (e: DragEvent) => e.dataTransfer.types.includes(CODE_TYPE);

  const handlers: RowHandlers = {
    onSelect: (id) => wb.setActiveCodeId(id),
    onOpenPassages: openPassages,
    onApply: (id) => void coding.applyCode(id),
    onToggle: (id) => toggle(id),
    onRename: (id, newName) => void edit.update(id, { name: newName }),
    onRowKey: (e, node) => {
      menuTarget.current = node;
      menu.onKeyDown(e);
      if (!e.defaultPrevented) onRowKey(e, node);
    },
    onContextMenu: (e, node) => {
      menuTarget.current = node;
      wb.setActiveCodeId(node.id);
      menu.onContextMenu(e);
    },
    onDragStart: (e, id) => {
      e.dataTransfer.setData(CODE_TYPE, String(id));
      e.dataTransfer.setData('text/plain', coding.lookup.get(id)?.path ?? '');
      e.dataTransfer.effectAllowed = 'move';
      setDrag(id);
    },
    onDragOver: (e, id) => {
      if (isCodeDrag(e) && drag !== null) {
        const rect = e.currentTarget.getBoundingClientRect();
        const intent = dropIntent(e.clientY - rect.top, rect.height, e.altKey || e.ctrlKey || e.metaKey);
        if (!planCodeDrop(tree, drag, id, intent)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'move';
        if (hint?.id !== id || hint.intent !== intent) setHint({ id, intent });
      } else if (!isCodeDrag(e) && wb.selection) {
        // A text selection dragged from the document: drop codes it.
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
        if (hint?.id !== id || hint.intent !== 'apply') setHint({ id, intent: 'apply' });
      }
    },
    onDragLeave: (id) => setHint((h) => (h?.id === id ? null : h)),
    onDrop: (e, id) => {
      e.preventDefault();
      const intent = hint?.id === id ? hint.intent : null;
      setHint(null);
      if (isCodeDrag(e) && drag !== null && intent && intent !== 'apply') {
        const plan = planCodeDrop(tree, drag, id, intent);
        if (plan) void edit.runPlan(plan);
      } else if (!isCodeDrag(e) && wb.selection) {
        void coding.applyCode(id);
      }
      setDrag(null);
    },
    onDragEnd: () => {
      setDrag(null);
      setHint(null);
    },
  };

  const renderNode = (node: CodeNode, depth: number): ReactNode => {
    if (filter && !shown.has(node.id)) return null;
    const open = !collapsed.has(node.id) || !!filter;
    const qk = coding.recent.indexOf(node.id);
    return (
      <CodeTreeRow
        key={node.id}
        node={node}
        counts={counts.get(node.id)}
        whose={whose}
        depth={depth}
        open={open}
        selected={wb.activeCodeId === node.id}
        renaming={renamingId === node.id}
        quickKey={qk >= 0 && qk < 9 ? displayChord(`Mod+${qk + 1}`, mac) : null}
        dropHint={hint?.id === node.id ? hint.intent : null}
        canApply={!!wb.selection}
        handlers={handlers}
        onRenameDone={() => {
          setRenamingId(null);
          focusCode(node.id);
        }}
      >
        {open && node.children.length > 0 && <ul role="group">{node.children.map((c) => renderNode(c, depth + 1))}</ul>}
      </CodeTreeRow>
    );
  };

  // With no code focused yet, the first row takes the tab stop.
  const tabStop = wb.activeCodeId !== null && rows.some((r) => r.node.id === wb.activeCodeId) ? null : rows[0]?.node.id;

  return (
    <section className="panel codes-panel" aria-labelledby="codes-h">
      <div className="panel-head">
        <h2 id="codes-h">Codes</h2>
      </div>
      <p
        className="hint code-count-legend"
        title={`References are passages coded at the code by ${whose}: overlapping or touching codings count once. The number in brackets adds the code's subcodes (aggregate); the grey number is sources.`}
      >
        References: {whose} · own (with subcodes) · sources
      </p>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          void create(false);
        }}
      >
        <input
          ref={nameRef}
          aria-label="New code name"
          placeholder={childOf !== null ? `New code under ${coding.lookup.get(childOf)?.name ?? 'the code'}…` : 'New code…'}
          title={'Enter adds it at the top level; Shift+Enter (or + Child) under the selected code. Parent/Child makes a path; type \\/ for a slash inside a name'}
          value={name}
          onChange={(e) => setName(e.target.value)}
          onBlur={() => !name.trim() && setChildOf(null)}
          onKeyDown={(e) => {
            if (e.key === 'Escape' && childOf !== null) {
              e.preventDefault();
              setChildOf(null);
            } else if (e.key === 'Enter' && e.shiftKey) {
              e.preventDefault();
              void create(true);
            }
          }}
        />
        <button type="submit">Add</button>
        <button type="button" disabled={wb.activeCodeId === null} title="New code as a child of the selected code (Shift+Enter)" onClick={() => void create(true)}>
          + Child
        </button>
      </form>
      {target.kind === 'path' && (
        <button type="button" className="link new-code-path" onClick={() => void create(childOf !== null)}>
          Create path {childOf !== null ? `${coding.lookup.get(childOf)?.name ?? ''} › ` : ''}
          {describePath(target.names)}
        </button>
      )}
      <input
        className="filter"
        type="search"
        aria-label="Filter codes"
        placeholder="Filter ( / )"
        data-shortcut-target="code-filter"
        value={filter}
        onChange={(e) => setFilter(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' && rows[0]) {
            e.preventDefault();
            focusCode(rows[0].node.id);
          }
        }}
      />
      <ul
        ref={treeRef}
        className="tree"
        role="tree"
        aria-label="Codes"
        onFocus={(e) => {
          if (e.target === e.currentTarget && tabStop !== undefined && tabStop !== null) focusCode(tabStop);
        }}
        tabIndex={tabStop !== undefined && tabStop !== null ? 0 : -1}
      >
        {tree.map((n) => renderNode(n, 0))}
      </ul>
      {drag !== null && (
        <div
          className={`root-drop${hint?.id === null ? ' drop-inside' : ''}`}
          onDragOver={(e) => {
            if (!isCodeDrag(e)) return;
            e.preventDefault();
            if (hint?.id !== null) setHint({ id: null, intent: 'inside' });
          }}
          onDragLeave={() => setHint(null)}
          onDrop={(e) => {
            e.preventDefault();
            const plan = planCodeDrop(tree, drag, null, 'inside');
            setHint(null);
            setDrag(null);
            if (plan) void edit.runPlan(plan);
          }}
        >
          Drop here to move to the top level
        </div>
      )}
      {tree.length === 0 && <p className="hint">No codes yet. Add one above, or select text and press Ctrl+K to create one as you code.</p>}
      <p className="hint tree-help">Drag a code onto another to nest it, between codes to reorder; hold Alt (or Ctrl) while dropping to merge.</p>
      <ItemSets
        kind="codes"
        adding={addingToSet && { id: addingToSet.id, what: `the code ${addingToSet.path}` }}
        onDoneAdding={() => setAddingToSet(null)}
        nameOf={(id) => coding.lookup.get(id)?.path}
        onOpenMember={focusCode}
      />
      {wb.activeCodeId !== null && coding.lookup.get(wb.activeCodeId) && (
        <CodeDetails
          code={coding.lookup.get(wb.activeCodeId)!}
          edit={edit}
          onRename={() => setRenamingId(wb.activeCodeId)}
          onPassages={() => openPassages(wb.activeCodeId!)}
        />
      )}
      {quotesOf !== null && <ExportDialog initial={{ kind: 'quotes', format: 'docx', codes: [quotesOf] }} onClose={() => setQuotesOf(null)} />}
      {edit.deleting && <DeleteCodeDialog request={edit.deleting} onConfirm={() => void edit.confirmDelete()} onCancel={edit.cancelDelete} />}
    </section>
  );
}
