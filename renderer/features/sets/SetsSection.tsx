import { useCallback, useState } from 'react';
import type { ItemSetInfo } from '../../../shared/domain/setTypes.js';
import { useContextMenuTrigger, type MenuRequest } from '../contextmenu/ContextMenuProvider.js';
import { setMenuItems } from '../contextmenu/menuModel.js';
import './sets.css';

interface Props {
  /** "Source sets" or "Code sets". */
  title: string;
  sets: readonly ItemSetInfo[];
  /** A member's name as shown (a source's name, a code's path). */
  nameOf(memberId: number): string | undefined;
  onOpenMember(memberId: number): void;
  onRemoveMember(setId: number, memberId: number): void;
  onDelete(set: ItemSetInfo): void;
  onRename(set: ItemSetInfo): void;
  onDescribe(set: ItemSetInfo): void;
}

/** A folder of shortcuts, as NVivo's Sets: each set opens to its members; removing one from a set leaves it in the project. */
export function SetsSection({ title, sets, nameOf, onOpenMember, onRemoveMember, onDelete, onRename, onDescribe }: Props) {
  const [open, setOpen] = useState<Set<number>>(new Set());
  // The menu of the set the pointer (or keyboard focus) is on; a member's row has none of its own.
  const menuFor = useCallback(
    (target: HTMLElement): MenuRequest | null => {
      const head = target.closest<HTMLElement>('.set-head');
      const set = head ? sets.find((s) => String(s.id) === head.closest<HTMLElement>('[data-set-id]')?.dataset.setId) : undefined;
      if (!set) return null;
      return {
        label: `Set ${set.name}`,
        items: setMenuItems(),
        onChoose: (id) => {
          if (id === 'rename') onRename(set);
          else if (id === 'describe') onDescribe(set);
          else if (id === 'delete') onDelete(set);
        },
      };
    },
    [sets, onRename, onDescribe, onDelete],
  );
  const menu = useContextMenuTrigger(menuFor);
  if (sets.length === 0) return null;
  const toggle = (id: number) =>
    setOpen((o) => {
      const next = new Set(o);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  return (
    <section className="sets-section" aria-label={title}>
      <h3 className="sets-title">{title}</h3>
      <ul className="sets-list" {...menu}>
        {sets.map((s) => {
          const expanded = open.has(s.id);
          return (
            <li key={s.id} className="set-item" data-set-id={s.id}>
              <div className="set-head">
                <button
                  type="button"
                  className="set-toggle"
                  aria-expanded={expanded}
                  onClick={() => toggle(s.id)}
                  onKeyDown={(e) => {
                    if (e.key !== 'F2') return;
                    e.preventDefault();
                    e.stopPropagation();
                    onRename(s);
                  }}
                  title={s.description || undefined}
                >
                  <span aria-hidden="true">{expanded ? '▾' : '▸'} ◇ </span>
                  {s.name} <span className="set-count">{s.memberIds.length}</span>
                </button>
                <button type="button" className="icon" aria-label={`Delete the set ${s.name}`} title="Delete the set (its members stay)" onClick={() => onDelete(s)}>
                  ×
                </button>
              </div>
              {s.description && <p className="set-description">{s.description}</p>}
              {expanded && (
                <ul className="set-members" aria-label={`Members of ${s.name}`}>
                  {s.memberIds.length === 0 && <li className="hint">Empty: use “Add to set…” in a context menu.</li>}
                  {s.memberIds.map((id) => (
                    <li key={id} className="set-member">
                      <button type="button" className="link" onClick={() => onOpenMember(id)}>
                        {nameOf(id) ?? `#${id}`}
                      </button>
                      <button type="button" className="icon" aria-label={`Remove ${nameOf(id) ?? id} from ${s.name}`} title="Remove from the set" onClick={() => onRemoveMember(s.id, id)}>
                        −
                      </button>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
