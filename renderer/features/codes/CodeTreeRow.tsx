import type { DragEvent, KeyboardEvent, MouseEvent, ReactNode } from 'react';
import { RenameBox } from '../workbench/RenameBox.js';
import type { CodeNode } from '../../../shared/domain/types.js';
import { displayColor } from '../../../shared/domain/codeColor.js';
import type { DropIntent } from './codeDrop.js';
import type { CodeCounts } from './useCodeCounts.js';

export interface RowHandlers {
  onSelect(id: number): void;
  onOpenPassages(id: number): void;
  onApply(id: number): void;
  onToggle(id: number): void;
  onRename(id: number, name: string): void;
  onRowKey(e: KeyboardEvent<HTMLLIElement>, node: CodeNode): void;
  onContextMenu(e: MouseEvent<HTMLElement>, node: CodeNode): void;
  onDragStart(e: DragEvent, id: number): void;
  onDragOver(e: DragEvent<HTMLDivElement>, id: number): void;
  onDragLeave(id: number): void;
  onDrop(e: DragEvent, id: number): void;
  onDragEnd(): void;
}

interface Props {
  node: CodeNode;
  /** Counts for the coders in view (absent: none of their codings are at this code). */
  counts: CodeCounts | undefined;
  /** Whose codings the counts are of, e.g. "all coders". */
  whose: string;
  depth: number;
  open: boolean;
  selected: boolean;
  renaming: boolean;
  quickKey: string | null;
  dropHint: DropIntent | 'apply' | null;
  canApply: boolean;
  handlers: RowHandlers;
  onRenameDone(): void;
  children?: ReactNode;
}

/** One code in the tree: swatch, name (or the rename box), counts, quick key, "Code" button; a drag source and drop target. */
export function CodeTreeRow({ node, counts, whose, depth, open, selected, renaming, quickKey, dropHint, canApply, handlers, onRenameDone, children }: Props) {
  return (
    <li
      role="treeitem"
      aria-level={depth + 1}
      aria-expanded={node.children.length ? open : undefined}
      aria-selected={selected}
      aria-label={node.path}
      tabIndex={selected ? 0 : -1}
      data-code-id={node.id}
      className="tree-item"
      onKeyDown={(e) => {
        if (e.target === e.currentTarget) handlers.onRowKey(e, node);
      }}
      onFocus={(e) => {
        if (e.target === e.currentTarget && !selected) handlers.onSelect(node.id);
      }}
    >
      <div
        className={`code-row${selected ? ' selected' : ''}${dropHint ? ` drop-${dropHint}` : ''}`}
        style={{ paddingLeft: 4 + depth * 14 }}
        data-code-path={node.path}
        draggable={!renaming}
        onClick={() => handlers.onSelect(node.id)}
        onContextMenu={(e) => handlers.onContextMenu(e, node)}
        onDoubleClick={() => handlers.onOpenPassages(node.id)}
        onDragStart={(e) => handlers.onDragStart(e, node.id)}
        onDragOver={(e) => handlers.onDragOver(e, node.id)}
        onDragLeave={() => handlers.onDragLeave(node.id)}
        onDrop={(e) => handlers.onDrop(e, node.id)}
        onDragEnd={handlers.onDragEnd}
      >
        {node.children.length > 0 ? (
          <button
            type="button"
            tabIndex={-1}
            className="twisty"
            aria-label={open ? `Collapse ${node.name}` : `Expand ${node.name}`}
            onClick={(e) => (e.stopPropagation(), handlers.onToggle(node.id))}
          >
            {open ? '▾' : '▸'}
          </button>
        ) : (
          <span className="twisty" />
        )}
        {node.isCodable === false ? (
          <span className="swatch folder-code" style={{ borderColor: displayColor(node) }} title="Folder: groups codes, cannot be applied" aria-label="Folder" />
        ) : node.color === null ? (
          <span className="swatch no-colour" style={{ background: displayColor(node) }} title="No colour of its own (drawn in a colour Quarry picks)" />
        ) : (
          <span className="swatch" style={{ background: node.color }} />
        )}
        {renaming ? (
          <RenameBox name={node.name} onDone={(name) => (name !== null && handlers.onRename(node.id, name), onRenameDone())} />
        ) : (
          <span className="code-name" title={node.description ? `${node.path}\n${node.description}` : node.path}>
            {node.name}
          </span>
        )}
        {quickKey && (
          <kbd className="quick-key" title={`Quick key: ${quickKey} applies this code to the selection`}>
            {quickKey}
          </kbd>
        )}
        <CodeCount counts={counts} whose={whose} parent={node.children.length > 0} />
        {canApply && node.isCodable !== false && (
          <button
            type="button"
            tabIndex={-1}
            className="code-apply"
            aria-label={`Code selection at ${node.path}`}
            onClick={(e) => {
              e.stopPropagation();
              handlers.onApply(node.id);
            }}
          >
            Code
          </button>
        )}
      </div>
      {children}
    </li>
  );
}

/** "12 (31) 5": references at the code, with its subcodes in brackets (parents only), and sources. */
function CodeCount({ counts, whose, parent }: { counts: CodeCounts | undefined; whose: string; parent: boolean }) {
  const own = counts?.references ?? 0;
  const all = counts?.aggregateReferences ?? 0;
  const sources = parent ? (counts?.aggregateSources ?? 0) : (counts?.sources ?? 0);
  const codings = counts?.codings ?? 0;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const words = `${plural(own, 'reference')}${parent ? `, ${all} with subcodes,` : ''} in ${plural(sources, 'source')} (${whose}); ${plural(codings, 'coding')}`;
  return (
    <span className="code-count" title={words} aria-label={words}>
      {own}
      {parent && <span className="code-aggregate">({all})</span>}
      <span className="code-sources">{sources}</span>
    </span>
  );
}
