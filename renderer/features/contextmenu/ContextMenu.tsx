import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { displayChord, isMacPlatform } from '../shortcuts/keyChord.js';
import { nextEnabled, placeMenu, type MenuItem } from './menuModel.js';
import './contextmenu.css';

interface Props {
  items: MenuItem[];
  label: string;
  at: { x: number; y: number };
  onChoose(id: string): void;
  onClose(): void;
}

/** A context menu in the page (browser mode): role=menu, arrow keys, Home/End, Enter, Escape; closes on a click outside. */
export function ContextMenu({ items, label, at, onChoose, onClose }: Props) {
  const ref = useRef<HTMLUListElement>(null);
  const [active, setActive] = useState(() => nextEnabled(items, -1, 1));
  const [pos, setPos] = useState({ left: at.x, top: at.y });
  const mac = isMacPlatform();

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    setPos(placeMenu(at, { width: el.offsetWidth, height: el.offsetHeight }, { width: window.innerWidth, height: window.innerHeight }));
  }, [at]);

  useEffect(() => {
    ref.current?.querySelector<HTMLElement>(`[data-index="${active}"]`)?.focus();
  }, [active]);

  useEffect(() => {
    const away = (e: Event) => {
      if (ref.current && !ref.current.contains(e.target as Node)) onClose();
    };
    document.addEventListener('mousedown', away, true);
    window.addEventListener('blur', onClose);
    window.addEventListener('resize', onClose);
    return () => {
      document.removeEventListener('mousedown', away, true);
      window.removeEventListener('blur', onClose);
      window.removeEventListener('resize', onClose);
    };
  }, [onClose]);

  const choose = (i: number) => {
    const it = items[i];
    if (it?.enabled) onChoose(it.id);
  };

  return (
    <ul
      ref={ref}
      className="context-menu"
      role="menu"
      aria-label={label}
      style={{ left: pos.left, top: pos.top }}
      onContextMenu={(e) => e.preventDefault()}
      onKeyDown={(e) => {
        const keys: Record<string, () => void> = {
          ArrowDown: () => setActive((a) => nextEnabled(items, a, 1)),
          ArrowUp: () => setActive((a) => nextEnabled(items, a, -1)),
          Home: () => setActive(nextEnabled(items, -1, 1)),
          End: () => setActive(nextEnabled(items, items.length, -1)),
          Enter: () => choose(active),
          ' ': () => choose(active),
          Escape: onClose,
          Tab: onClose,
        };
        const run = keys[e.key];
        if (!run) return;
        e.preventDefault();
        e.stopPropagation();
        run();
      }}
    >
      {items.map((it, i) => (
        <li key={it.id} role="none" className={it.separatorBefore && i > 0 ? 'separated' : undefined}>
          <button
            type="button"
            role="menuitem"
            data-index={i}
            data-menu-id={it.id}
            tabIndex={i === active ? 0 : -1}
            aria-disabled={!it.enabled || undefined}
            className={`context-item${it.danger ? ' context-danger' : ''}`}
            onMouseEnter={() => it.enabled && setActive(i)}
            onClick={() => choose(i)}
          >
            <span className="context-label">{it.label}</span>
            {it.shortcut && <kbd className="context-shortcut">{displayChord(it.shortcut, mac)}</kbd>}
          </button>
        </li>
      ))}
    </ul>
  );
}
