import type { KeyboardEvent, MouseEvent } from 'react';
import type { SourceSummary } from '../../../shared/domain/types.js';
import { RenameBox } from '../workbench/RenameBox.js';
import { KIND_LABELS, sourceKind } from './sourceListModel.js';

export const SOURCE_DRAG_TYPE = 'text/x-quarry-source';

interface Props {
  source: SourceSummary;
  selected: boolean;
  renaming: boolean;
  onOpen(): void;
  onRename(name: string | null): void;
  onKeyDown(e: KeyboardEvent<HTMLElement>): void;
  onContextMenu(e: MouseEvent<HTMLElement>): void;
  onDelete(): void;
}

/** One source: its type icon, name (or the rename box), case and coding count; a drag source for cases and folders. */
export function SourceRow({ source: s, selected, renaming, onOpen, onRename, onKeyDown, onContextMenu, onDelete }: Props) {
  const kind = sourceKind(s);
  return (
    <li role="option" aria-selected={selected} data-source-id={s.id}>
      {renaming ? (
        <span className="list-item renaming">
          <span className={`type-icon type-${kind}`} aria-hidden="true" />
          <RenameBox name={s.name} onDone={onRename} />
        </span>
      ) : (
        <button
          type="button"
          className={`list-item${selected ? ' selected' : ''}`}
          onClick={onOpen}
          onKeyDown={onKeyDown}
          onContextMenu={onContextMenu}
          draggable
          title={`${KIND_LABELS[kind]} · drag onto a case in the Cases view, or onto a folder · F2 renames`}
          onDragStart={(e) => {
            e.dataTransfer.setData(SOURCE_DRAG_TYPE, String(s.id));
            e.dataTransfer.effectAllowed = 'linkMove';
          }}
        >
          <span className="list-name">
            {s.name}
            <span className={`type-icon type-${kind}`} role="img" aria-label={KIND_LABELS[kind]} data-kind={kind} />
          </span>
          <span className="list-meta">
            {/* <bdi>: a case name with a bidi override cannot reorder the count after it. */}
            {s.caseName ? (
              <>
                <bdi>{s.caseName}</bdi> ·{' '}
              </>
            ) : (
              ''
            )}
            {s.codingCount} codings
          </span>
        </button>
      )}
      <button type="button" className="icon" title={`Delete ${s.name}`} aria-label={`Delete source ${s.name}`} onClick={onDelete}>
        ×
      </button>
    </li>
  );
}
