/**
 * One item of a context menu, as the renderer builds it and the desktop
 * shell shows it natively (renderer/features/contextmenu/menuModel.ts makes
 * them; electron/contextMenu.ts checks and shows them). Plain data, so it
 * crosses IPC as it is; the chosen item's id is all that comes back.
 */
export interface MenuItem {
  id: string;
  label: string;
  /** The key that does the same without the menu, in keyChord notation ("F2", "Mod+K"); shown, never registered. */
  shortcut?: string;
  enabled: boolean;
  /** Deletes or discards something: shown in red (a native menu says it in words). */
  danger?: boolean;
  /** A separator goes above this item. */
  separatorBefore?: boolean;
}
