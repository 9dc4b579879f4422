import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { AttributeInfo } from '../../../shared/domain/caseTypes.js';
import type { SourceSummary } from '../../../shared/domain/types.js';
import { editsByTyping } from './attributeEditors.js';
import type { Move } from './CellEditor.js';
import { SheetHeader } from './SheetHeader.js';
import { SheetRowView, type EditState, type RowCallbacks } from './SheetRowView.js';
import { gridTemplate, HEAD_HEIGHT, isAttributeColumn, isTreeColumn, ROW_HEIGHT, sheetColumns } from './sheetColumns.js';
import type { ColumnFilters, SheetRow, SortKey, SortState } from './sheetModel.js';

interface Props {
  rows: SheetRow[];
  attributes: AttributeInfo[];
  allSources: SourceSummary[];
  /** Classifications in the project: more than one shows a Classification column. */
  classificationCount: number;
  /** The classification each attribute belongs to, by attribute id (absent: none known). */
  attributeClassification: ReadonlyMap<number, string>;
  sort: SortState | null;
  onSort: (key: SortKey) => void;
  filters: ColumnFilters;
  filterErrors: Record<string, string>;
  onFilter: (columnKey: string, text: string) => void;
  onSetValue: (caseId: number, attributeId: number, raw: string) => Promise<boolean>;
  onRename: (caseId: number, name: string) => void;
  onAssign: (sourceId: number, caseId: number | null) => void;
  onEditAttribute: (attr: AttributeInfo) => void;
  /** The case of the active cell (for actions on "this case" outside the grid). */
  onActiveCase?: (caseId: number | null) => void;
}

interface Active {
  row: number;
  col: number;
}

const STEP: Record<Exclude<Move, 'none'>, [number, number]> = { down: [1, 0], up: [-1, 0], right: [0, 1], left: [0, -1] };

/**
 * The classification sheet: cases × attributes, virtualised by row so it
 * stays smooth at 10,000 cases. Keyboard: arrows move, Enter or F2 edits,
 * typing starts an edit, Escape cancels, Tab moves right, Delete clears a
 * value to Unassigned.
 */
export function ClassificationSheet(props: Props) {
  const { rows, attributes, allSources, classificationCount, onSetValue, onRename, onAssign } = props;
  const nested = useMemo(() => rows.some((r) => r.parent !== null), [rows]);
  const columns = useMemo(() => sheetColumns(attributes, { parent: nested, classification: classificationCount > 1 }), [attributes, nested, classificationCount]);
  const template = useMemo(() => gridTemplate(columns), [columns]);
  const totalWidth = columns.reduce((w, c) => w + c.width, 0);
  const scrollRef = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState<Active>({ row: 0, col: 0 });
  const [editing, setEditing] = useState<EditState | null>(null);
  const [picking, setPicking] = useState<number | null>(null);
  const [pending, setPending] = useState<Record<number, Record<string, string>>>({});

  // Read-back values replace the optimistic ones.
  useEffect(() => setPending({}), [rows]);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    // The sticky header sits above the rows inside the same scroller.
    scrollMargin: HEAD_HEIGHT,
    scrollPaddingStart: HEAD_HEIGHT,
  });

  const clamp = useCallback(
    (a: Active): Active => ({ row: Math.max(0, Math.min(rows.length - 1, a.row)), col: Math.max(0, Math.min(columns.length - 1, a.col)) }),
    [rows.length, columns.length],
  );

  const focusGrid = () => scrollRef.current?.focus({ preventScroll: true });

  const reveal = useCallback(
    (a: Active) => {
      virtualizer.scrollToIndex(a.row, { align: 'auto' });
      const el = scrollRef.current;
      if (!el) return;
      // The case-name column is sticky: keep the active cell to the right of it.
      const left = columns.slice(0, a.col).reduce((w, c) => w + c.width, 0);
      const width = columns[a.col]?.width ?? 0;
      const sticky = a.col === 0 ? 0 : (columns[0]?.width ?? 0);
      if (left - sticky < el.scrollLeft) el.scrollLeft = left - sticky;
      else if (left + width > el.scrollLeft + el.clientWidth) el.scrollLeft = left + width - el.clientWidth;
    },
    [virtualizer, columns],
  );

  const moveTo = useCallback(
    (a: Active) => {
      const next = clamp(a);
      setActive(next);
      reveal(next);
    },
    [clamp, reveal],
  );

  const startEdit = useCallback(
    (row: number, col: number, typed?: string) => {
      const column = columns[col];
      if (!column || !rows[row] || isTreeColumn(column)) return;
      if (column.key === 'sources') {
        setPicking(row);
        return;
      }
      setEditing(typed !== undefined ? { row, col, typed } : { row, col });
    },
    [columns, rows],
  );

  const commit = useCallback(
    (row: number, col: number, raw: string | null, move: Move) => {
      const r = rows[row];
      const column = columns[col];
      setEditing(null);
      focusGrid();
      if (move !== 'none') moveTo({ row: row + STEP[move][0], col: col + STEP[move][1] });
      if (!r || !column || raw === null) return;
      if (column.key === 'name') {
        if (raw.trim() && raw.trim() !== r.name) onRename(r.id, raw);
        return;
      }
      if (!isAttributeColumn(column)) return;
      setPending((p) => ({ ...p, [r.id]: { ...p[r.id], [column.key]: raw } }));
      void onSetValue(r.id, column.attr.id, raw).then((ok) => {
        if (!ok) setPending((p) => withoutPending(p, r.id, column.key));
      });
    },
    [rows, columns, moveTo, onRename, onSetValue],
  );

  const callbacks = useMemo<RowCallbacks>(
    () => ({
      onCellMouseDown: (row, col) => setActive({ row, col }),
      onCellDoubleClick: (row, col) => startEdit(row, col),
      onCommit: commit,
      onCancel: () => {
        setEditing(null);
        focusGrid();
      },
      onPick: (row, open) => {
        setPicking(open ? row : null);
        if (!open) focusGrid();
      },
      onAssign,
    }),
    [startEdit, commit, onAssign],
  );

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.target !== e.currentTarget || editing || rows.length === 0) return;
    const { row, col } = active;
    const page = Math.max(1, Math.floor(((scrollRef.current?.clientHeight ?? 600) - HEAD_HEIGHT) / ROW_HEIGHT) - 1);
    const moves: Record<string, Active> = {
      ArrowDown: { row: row + 1, col },
      ArrowUp: { row: row - 1, col },
      ArrowRight: { row, col: col + 1 },
      ArrowLeft: { row, col: col - 1 },
      PageDown: { row: row + page, col },
      PageUp: { row: row - page, col },
      Home: e.ctrlKey ? { row: 0, col: 0 } : { row, col: 0 },
      End: e.ctrlKey ? { row: rows.length - 1, col: columns.length - 1 } : { row, col: columns.length - 1 },
      Tab: { row, col: col + (e.shiftKey ? -1 : 1) },
    };
    const target = moves[e.key];
    if (target) {
      // Tab past the last column leaves the grid as usual.
      if (e.key === 'Tab' && (target.col < 0 || target.col >= columns.length)) return;
      e.preventDefault();
      moveTo(target);
      return;
    }
    const column = columns[col];
    const r = rows[row];
    if (!column || !r) return;
    if (e.key === 'Enter' || e.key === 'F2') {
      e.preventDefault();
      startEdit(row, col);
    } else if ((e.key === 'Delete' || e.key === 'Backspace') && isAttributeColumn(column)) {
      e.preventDefault();
      commit(row, col, '', 'none');
    } else if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) {
      const typing = column.key === 'name' || (isAttributeColumn(column) && editsByTyping(column.attr.type));
      if (typing) {
        e.preventDefault();
        startEdit(row, col, e.key);
      } else if (e.key === ' ' || isAttributeColumn(column)) {
        e.preventDefault();
        startEdit(row, col);
      }
    }
  };

  const activeRow = Math.min(active.row, Math.max(0, rows.length - 1));
  const activeCaseId = rows[activeRow]?.id ?? null;
  const { onActiveCase } = props;
  useEffect(() => onActiveCase?.(activeCaseId), [onActiveCase, activeCaseId]);
  const items = virtualizer.getVirtualItems();
  return (
    <div
      ref={scrollRef}
      className="sheet"
      role="grid"
      aria-label="Classification sheet"
      aria-rowcount={rows.length + 2}
      aria-colcount={columns.length}
      aria-activedescendant={rows.length ? `cell-${activeRow}-${active.col}` : undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
      data-testid="classification-sheet"
    >
      <div style={{ width: totalWidth, minWidth: '100%' }}>
        <SheetHeader
          columns={columns}
          template={template}
          sort={props.sort}
          onSort={props.onSort}
          filters={props.filters}
          filterErrors={props.filterErrors}
          onFilter={props.onFilter}
          onEditAttribute={props.onEditAttribute}
        />
        <div className="sheet-body" role="rowgroup" style={{ height: virtualizer.getTotalSize(), width: totalWidth }}>
          {items.map((item) => {
            const row = rows[item.index]!;
            return (
              <SheetRowView
                key={row.id}
                row={row}
                index={item.index}
                columns={columns}
                template={template}
                top={item.start - HEAD_HEIGHT}
                activeCol={item.index === activeRow ? active.col : -1}
                editing={editing?.row === item.index ? editing : null}
                picking={picking === item.index}
                pending={pending[row.id]}
                allSources={allSources}
                attributeClassification={props.attributeClassification}
                callbacks={callbacks}
              />
            );
          })}
        </div>
        {rows.length === 0 && <p className="sheet-empty">No cases match.</p>}
      </div>
    </div>
  );
}

function withoutPending(p: Record<number, Record<string, string>>, caseId: number, key: string): Record<number, Record<string, string>> {
  const { [key]: _dropped, ...rest } = p[caseId] ?? {};
  return { ...p, [caseId]: rest };
}
