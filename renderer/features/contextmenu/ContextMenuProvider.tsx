import { createContext, useCallback, useContext, useMemo, useState, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react';
import { ContextMenu } from './ContextMenu.js';
import type { MenuItem } from './menuModel.js';
import { showNativeMenu } from './nativeMenu.js';

export interface MenuRequest {
  items: MenuItem[];
  /** What the menu is about, for screen readers ("Code Trust"). */
  label: string;
  onChoose(id: string): void;
}

interface Open extends MenuRequest {
  at: { x: number; y: number };
  returnFocus: HTMLElement | null;
}

type OpenMenu = (request: MenuRequest, at: { x: number; y: number }, returnFocus: HTMLElement | null) => void;

const Ctx = createContext<OpenMenu | null>(null);

/**
 * Shows context menus: natively in the desktop app (the shell's menu, the
 * chosen id comes back), otherwise as ContextMenu in the page. Focus goes
 * back to where the menu was opened from before the action runs.
 */
export function ContextMenuProvider({ children }: { children: ReactNode }) {
  const [open, setOpen] = useState<Open | null>(null);

  const openMenu = useCallback<OpenMenu>((request, at, returnFocus) => {
    const native = showNativeMenu(request.items);
    if (native) {
      void native.then((id) => {
        if (id !== null && request.items.some((i) => i.id === id && i.enabled)) request.onChoose(id);
      });
      return;
    }
    setOpen({ ...request, at, returnFocus });
  }, []);

  const close = useCallback(() => {
    setOpen((o) => {
      o?.returnFocus?.focus();
      return null;
    });
  }, []);

  return (
    <Ctx.Provider value={openMenu}>
      {children}
      {open && (
        <ContextMenu
          items={open.items}
          label={open.label}
          at={open.at}
          onClose={close}
          onChoose={(id) => {
            close();
            open.onChoose(id);
          }}
        />
      )}
    </Ctx.Provider>
  );
}

/**
 * Props that open a menu on an element: right-click at the pointer, or
 * Shift+F10 / the ContextMenu key at the element. `request` is built when
 * the menu opens (from the element the event is at), so it sees the state
 * of that moment; null leaves the browser's own menu.
 */
export function useContextMenuTrigger(request: (target: HTMLElement) => MenuRequest | null) {
  const openMenu = useContext(Ctx);
  return useMemo(
    () => ({
      onContextMenu: (e: MouseEvent<HTMLElement>) => {
        if (!openMenu) return;
        const r = request(e.target as HTMLElement);
        if (!r) return;
        e.preventDefault();
        e.stopPropagation();
        // A right-click with no keyboard focus inside the target returns focus to the target itself.
        const target = e.currentTarget;
        const focus = target.contains(document.activeElement) ? (document.activeElement as HTMLElement) : (target.closest<HTMLElement>('[tabindex], button') ?? target);
        openMenu(r, { x: e.clientX, y: e.clientY }, focus);
      },
      onKeyDown: (e: KeyboardEvent<HTMLElement>) => {
        if (!openMenu || !((e.key === 'F10' && e.shiftKey) || e.key === 'ContextMenu')) return;
        const r = request(e.target as HTMLElement);
        if (!r) return;
        e.preventDefault();
        e.stopPropagation();
        const rect = (e.target as HTMLElement).getBoundingClientRect();
        openMenu(r, { x: rect.left + 8, y: rect.bottom }, e.target as HTMLElement);
      },
    }),
    [openMenu, request],
  );
}
