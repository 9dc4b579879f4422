import { describePath, newCodeTarget } from '../codes/newCodeTarget.js';
import { useMemo, useState, type KeyboardEvent } from 'react';
import { Modal } from '../workbench/Modal.js';
import { displayChord, isMacPlatform } from '../shortcuts/keyChord.js';
import { moveIndex, pickerItems, rankCodes, type CodeSearch, type PickerItem } from './codeSearch.js';
import { displayColor } from '../../../shared/domain/codeColor.js';

export interface PickerRequest {
  title: string;
  /** Offer "Create code …" for a name that matches nothing. */
  allowCreate: boolean;
  exclude?: ReadonlySet<number>;
  onPick(codeId: number): void;
  onCreate?(name: string): void;
}

interface Props {
  request: PickerRequest;
  search: CodeSearch;
  recent: readonly number[];
  onClose(): void;
}

const MAX_ROWS = 60;

/** "A/B" offers the path (missing levels made, existing ones reused); "\/" keeps a slash in the name. */
function createLabel(typed: string): string {
  const target = newCodeTarget(typed, null);
  if (target.kind === 'path') return `Create path “${describePath(target.names)}” and apply`;
  return `Create code “${target.kind === 'name' ? target.name : typed}” and apply`;
}

/** The fuzzy code picker: type, move with ↑↓, Enter applies (or creates). */
export function CodePicker({ request, search, recent, onClose }: Props) {
  const [query, setQuery] = useState('');
  const [index, setIndex] = useState(0);
  const items = useMemo(() => {
    const ranked = rankCodes(search, query, recent, request.exclude);
    return pickerItems(ranked.slice(0, MAX_ROWS), query, recent, request.allowCreate && !!request.onCreate, search.codes);
  }, [search, query, recent, request]);
  const active = Math.min(index, Math.max(0, items.length - 1));
  const mac = isMacPlatform();

  const choose = (item: PickerItem | undefined) => {
    if (!item) return;
    onClose();
    if (item.kind === 'code') request.onPick(item.code.id);
    else request.onCreate?.(item.name);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setIndex(moveIndex(active, e.key === 'ArrowDown' ? 1 : -1, items.length));
    } else if (e.key === 'PageDown' || e.key === 'PageUp') {
      e.preventDefault();
      setIndex(Math.max(0, Math.min(items.length - 1, active + (e.key === 'PageDown' ? 8 : -8))));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      choose(items[active]);
    } else if (!query && /^Digit[1-9]$/.test(e.code) && (mac ? e.metaKey : e.ctrlKey)) {
      // Quick keys work inside the picker too.
      e.preventDefault();
      const id = recent[Number(e.code.slice(5)) - 1];
      if (id !== undefined && !request.exclude?.has(id)) {
        onClose();
        request.onPick(id);
      }
    }
  };

  const optionId = (i: number) => `picker-opt-${i}`;
  return (
    <Modal title={request.title} onClose={onClose} className="picker">
      <input
        className="picker-input"
        autoFocus
        role="combobox"
        aria-expanded="true"
        aria-controls="picker-list"
        aria-activedescendant={items.length ? optionId(active) : undefined}
        aria-label="Search codes"
        placeholder={request.allowCreate ? 'Find a code, or type a new name (Parent/Child makes a child code)' : 'Type to find a code'}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setIndex(0);
        }}
        onKeyDown={onKeyDown}
      />
      <ul id="picker-list" className="picker-list" role="listbox" aria-label="Codes">
        {items.length === 0 && <li className="hint picker-empty">No code matches.</li>}
        {items.map((item, i) => (
          <li
            key={item.kind === 'code' ? item.code.id : 'create'}
            id={optionId(i)}
            role="option"
            aria-selected={i === active}
            className={`picker-item${i === active ? ' active' : ''}`}
            onMouseMove={() => i !== active && setIndex(i)}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => choose(item)}
          >
            {item.kind === 'code' ? (
              <>
                <span className={item.code.isCodable === false ? 'swatch folder-code' : 'swatch'} style={item.code.isCodable === false ? { borderColor: displayColor(item.code) } : { background: displayColor(item.code) }} />
                <span className="picker-name">{item.code.name}</span>
                {item.code.isCodable === false && <span className="picker-path">folder</span>}
                {item.code.path !== item.code.name && <span className="picker-path">{item.code.path}</span>}
                <span className="spacer" />
                <span className="code-count">{item.code.references}</span>
                {item.quickKey !== null && <kbd className="quick-key">{displayChord(`Mod+${item.quickKey}`, mac)}</kbd>}
              </>
            ) : (
              <span className="picker-create">{createLabel(item.name)}</span>
            )}
          </li>
        ))}
      </ul>
      <p className="hint picker-help">↑↓ to choose · Enter to apply · Esc to cancel</p>
    </Modal>
  );
}
