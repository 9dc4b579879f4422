import { memo, useState, type CSSProperties } from 'react';
import { displayCanonical } from '../../../shared/cases/attributeTypeRegistry.js';
import { formatValue, type AttributeType, type AttributeValue } from '../../../shared/cases/attributeTypes.js';
import type { SourceSummary } from '../../../shared/domain/types.js';
import { CellEditor, type Move } from './CellEditor.js';
import { SOURCE_DRAG_TYPE } from './fileTransfer.js';
import { isAttributeColumn, isTreeColumn, type SheetColumn } from './sheetColumns.js';
import { SourcesCell } from './SourcesCell.js';
import { defOf, valueOf, type SheetRow } from './sheetModel.js';

export interface EditState {
  row: number;
  col: number;
  typed?: string;
}

export interface RowCallbacks {
  onCellMouseDown: (row: number, col: number) => void;
  onCellDoubleClick: (row: number, col: number) => void;
  onCommit: (row: number, col: number, raw: string | null, move: Move) => void;
  onCancel: () => void;
  onPick: (row: number, open: boolean) => void;
  onAssign: (sourceId: number, caseId: number | null) => void;
}

interface Props {
  row: SheetRow;
  index: number;
  columns: readonly SheetColumn[];
  template: string;
  top: number;
  /** Column of the active cell when it is in this row, else -1. */
  activeCol: number;
  editing: EditState | null;
  picking: boolean;
  /** Values saved but not yet read back, by attribute id. */
  pending: Record<string, string> | undefined;
  allSources: readonly SourceSummary[];
  /** The classification each attribute belongs to, by attribute id. */
  attributeClassification: ReadonlyMap<number, string>;
  callbacks: RowCallbacks;
}

const SPECIAL: Record<AttributeValue['kind'], string> = { value: '', unassigned: ' unassigned', not_applicable: ' not-applicable' };

/** One case's row; re-renders only when its data, its active cell or its editor changes. */
export const SheetRowView = memo(function SheetRowView(props: Props) {
  const { row, index, columns, template, top, activeCol, editing, picking, pending, allSources, attributeClassification, callbacks } = props;
  const [dropping, setDropping] = useState(false);
  const style: CSSProperties = { gridTemplateColumns: template, transform: `translateY(${top}px)` };
  return (
    <div
      className={`sheet-row${dropping ? ' drop-target' : ''}`}
      role="row"
      aria-rowindex={index + 3}
      data-case={row.name}
      style={style}
      onDragOver={(e) => {
        if (!e.dataTransfer.types.includes(SOURCE_DRAG_TYPE)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'link';
        if (!dropping) setDropping(true);
      }}
      onDragLeave={() => setDropping(false)}
      onDrop={(e) => {
        setDropping(false);
        const id = Number(e.dataTransfer.getData(SOURCE_DRAG_TYPE));
        if (!Number.isInteger(id) || id <= 0) return;
        e.preventDefault();
        callbacks.onAssign(id, row.id);
      }}
    >
      {columns.map((col, c) => {
        const active = c === activeCol;
        const isEditing = editing !== null && editing.col === c;
        const cls = `cell${active ? ' active' : ''}${c === 0 ? ' cell-name' : ''}`;
        const common = {
          key: col.key,
          role: 'gridcell',
          id: `cell-${index}-${c}`,
          'aria-colindex': c + 1,
          'aria-selected': active,
          onMouseDown: () => callbacks.onCellMouseDown(index, c),
          onDoubleClick: () => callbacks.onCellDoubleClick(index, c),
        } as const;
        if (col.key === 'sources') {
          return (
            <div {...common} className={cls}>
              <SourcesCell
                caseId={row.id}
                caseName={row.name}
                sources={row.sources}
                passages={row.passages}
                allSources={allSources}
                picking={picking}
                onPick={(open) => callbacks.onPick(index, open)}
                onAssign={callbacks.onAssign}
              />
            </div>
          );
        }
        if (isTreeColumn(col)) {
          const shown = row[col.key] ?? '';
          return (
            <div {...common} className={`${cls} cell-tree${shown ? '' : ' unassigned'}`} title={shown}>
              {shown}
            </div>
          );
        }
        if (!isAttributeColumn(col)) {
          return (
            <div {...common} className={cls} title={row.name}>
              {isEditing ? (
                <CellEditor
                  label={`Case name of ${row.name}`}
                  type="name"
                  value={{ kind: 'value', value: row.name }}
                  {...(editing.typed !== undefined ? { typed: editing.typed } : {})}
                  onCommit={(raw, move) => callbacks.onCommit(index, c, raw, move)}
                  onCancel={callbacks.onCancel}
                />
              ) : (
                row.name
              )}
            </div>
          );
        }
        const attr = col.attr;
        const def = defOf(attr);
        const value = valueOf(row, attr.id);
        const shown = pending?.[col.key] ?? formatValue(def, value);
        // Another classification's attribute with no value: not this case's to have (NVivo shows no cell for it), not "Unassigned".
        const owner = attributeClassification.get(attr.id);
        if (!isEditing && pending?.[col.key] === undefined && value.kind === 'unassigned' && row.classification !== null && owner !== undefined && owner !== row.classification) {
          return (
            <div {...common} className={`${cls} other-classification`} title={`${attr.name} is an attribute of ${owner}; ${row.name} is a ${row.classification}`}>
              —
            </div>
          );
        }
        return (
          <div
            {...common}
            className={`${cls} cell-${attr.type}${pending?.[col.key] !== undefined ? ' pending' : SPECIAL[value.kind]}`}
            title={shown}
          >
            {isEditing ? (
              <CellEditor
                label={`${attr.name} of ${row.name}`}
                type={attr.type}
                choices={attr.choices}
                value={value}
                {...(editing.typed !== undefined ? { typed: editing.typed } : {})}
                onCommit={(raw, move) => callbacks.onCommit(index, c, raw, move)}
                onCancel={callbacks.onCancel}
              />
            ) : (
              displayValue(attr.type, shown, value)
            )}
          </div>
        );
      })}
    </div>
  );
});

function displayValue(type: AttributeType, shown: string, value: AttributeValue): string {
  return value.kind === 'value' ? displayCanonical(type, value.value) : shown;
}

