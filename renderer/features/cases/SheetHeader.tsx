import { memo } from 'react';
import { attributeTypeSpec } from '../../../shared/cases/attributeTypeRegistry.js';
import { NOT_APPLICABLE_LABEL, UNASSIGNED_LABEL } from '../../../shared/cases/attributeTypes.js';
import type { AttributeInfo } from '../../../shared/domain/caseTypes.js';
import { isAttributeColumn, type SheetColumn } from './sheetColumns.js';
import type { ColumnFilters, SortKey, SortState } from './sheetModel.js';

interface Props {
  columns: readonly SheetColumn[];
  template: string;
  sort: SortState | null;
  onSort: (key: SortKey) => void;
  filters: ColumnFilters;
  filterErrors: Record<string, string>;
  onFilter: (columnKey: string, text: string) => void;
  onEditAttribute: (attr: AttributeInfo) => void;
}

const typeLabel = (type: AttributeInfo['type']): string => attributeTypeSpec(type).shortLabel;

function sortKeyOf(col: SheetColumn): SortKey {
  if (isAttributeColumn(col)) return { column: 'attribute', attributeId: col.attr.id };
  return { column: col.key as 'name' | 'sources' | 'parent' | 'classification' };
}

function sameKey(a: SortKey, b: SortKey): boolean {
  return a.column === b.column && (a.column !== 'attribute' || a.attributeId === (b as { attributeId: number }).attributeId);
}

/** Column headers (click to sort) and a filter row: text to look for, or a comparison such as "> 40". */
export const SheetHeader = memo(function SheetHeader({ columns, template, sort, onSort, filters, filterErrors, onFilter, onEditAttribute }: Props) {
  return (
    <div className="sheet-head" role="rowgroup">
      <div className="sheet-head-row" role="row" aria-rowindex={1} style={{ gridTemplateColumns: template }}>
        {columns.map((col, c) => {
          const key = sortKeyOf(col);
          const dir = sort && sameKey(sort.key, key) ? sort.direction : null;
          const attr = isAttributeColumn(col) ? col.attr : null;
          return (
            <div
              key={col.key}
              role="columnheader"
              aria-colindex={c + 1}
              aria-sort={dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : 'none'}
              className={`head-cell${c === 0 ? ' cell-name' : ''}`}
              title={attr ? `${attr.name} (${typeLabel(attr.type)})${attr.description ? ` — ${attr.description}` : ''}` : col.label}
            >
              <button type="button" className="head-sort" onClick={() => onSort(key)} aria-label={`Sort by ${col.label}`}>
                <span className="head-name">{col.label}</span>
                {attr && <span className="type-badge">{typeLabel(attr.type)}</span>}
                <span className="sort-mark" aria-hidden="true">
                  {dir === 'asc' ? '▲' : dir === 'desc' ? '▼' : ''}
                </span>
              </button>
              {attr && (
                <button type="button" className="icon head-edit" aria-label={`Edit attribute ${attr.name}`} title="Rename, describe, move, change type…" onClick={() => onEditAttribute(attr)}>
                  ⋯
                </button>
              )}
            </div>
          );
        })}
      </div>
      <div className="sheet-head-row filters" role="row" aria-rowindex={2} style={{ gridTemplateColumns: template }}>
        {columns.map((col, c) => {
          const attr = isAttributeColumn(col) ? col.attr : null;
          const value = filters[col.key] ?? '';
          const error = filterErrors[col.key];
          const label = `Filter ${col.label}`;
          const className = `head-cell filter-cell${c === 0 ? ' cell-name' : ''}`;
          const listed = attr && attributeTypeSpec(attr.type).editor.conditionOptions;
          if (attr && listed) {
            const options = listed(attr.choices).map((o) => [o.value, o.label]);
            return (
              <div key={col.key} role="columnheader" aria-colindex={c + 1} className={className}>
                <select aria-label={label} value={value.replace(/^= /, '')} onChange={(e) => onFilter(col.key, e.target.value ? `= ${e.target.value}` : '')}>
                  <option value="">All</option>
                  {options.map(([v, shown]) => (
                    <option key={v} value={v}>
                      {shown}
                    </option>
                  ))}
                  <option value={UNASSIGNED_LABEL}>{UNASSIGNED_LABEL}</option>
                  <option value={NOT_APPLICABLE_LABEL}>{NOT_APPLICABLE_LABEL}</option>
                </select>
              </div>
            );
          }
          return (
            <div key={col.key} role="columnheader" aria-colindex={c + 1} className={className}>
              <input
                aria-label={label}
                aria-invalid={error !== undefined}
                placeholder={attr && attributeTypeSpec(attr.type).editor.kind !== 'text-input' ? 'Filter, e.g. > 10' : 'Filter'}
                title={error ?? (attr ? 'Text to look for, or a comparison: = != < <= > >=' : 'Text to look for')}
                value={value}
                onChange={(e) => onFilter(col.key, e.target.value)}
              />
            </div>
          );
        })}
      </div>
    </div>
  );
});
