/**
 * The IPC surface between the shell and the renderer: five channels, no
 * more. The preload (a sandboxed CommonJS file that may require nothing but
 * `electron`) repeats these literals; a unit test keeps the two in step.
 */
export const CHANNELS = {
  /** renderer → main: one call of the API contract; answered with an ApiResult. */
  invoke: 'quarry:invoke',
  /** renderer → main: show a native open/save dialog; answered with paths or null. */
  pickFile: 'quarry:pick-file',
  /** renderer → main: show a native context menu of the renderer's items; answered with the chosen id or null. */
  contextMenu: 'quarry:context-menu',
  /**
   * preload → main: the paths of files dropped on the window, as the preload read them from the
   * dropped File objects (webUtils.getPathForFile); main grants exactly these and answers with them.
   */
  droppedPaths: 'quarry:dropped-paths',
  /** main → renderer: a menu command the renderer carries out (undo, redo, shortcuts…). */
  menu: 'quarry:menu',
} as const;

export const PICK_KINDS = ['open-project', 'save-project', 'import-sources', 'import-recording', 'import-transcript', 'import-sheet', 'import-refi', 'save-export', 'choose-folder'] as const;
export type PickKind = (typeof PICK_KINDS)[number];

export function isPickKind(kind: unknown): kind is PickKind {
  return typeof kind === 'string' && (PICK_KINDS as readonly string[]).includes(kind);
}

/** Commands the menu sends to the renderer; the renderer decides what each does. */
export type MenuCommand = 'undo' | 'redo' | 'shortcuts';
