import type { ApiResult } from '../../shared/api/result.js';
import type { MenuItem } from '../../shared/domain/menuItem.js';

/** How the renderer reaches the core: Electron IPC in the desktop app, HTTP in browser mode. */
/** The file dialogs the desktop app offers (the renderer asks by kind, never with options of its own). */
export type PickKind = 'open-project' | 'save-project' | 'import-sources' | 'import-recording' | 'import-transcript' | 'import-sheet' | 'import-refi' | 'save-export' | 'choose-folder';

export interface Transport {
  readonly kind: 'electron' | 'web';
  invoke(method: string, args: unknown): Promise<ApiResult<unknown>>;
  /** The URL a player loads a source's recording from (streamed with Range requests). */
  mediaUrl?(sourceId: number, projectPath: string): string;
}

/** What the Electron preload exposes on window.quarry (contextBridge). */
export interface PreloadBridge {
  invoke(method: string, args: unknown): Promise<ApiResult<unknown>>;
  onMenuCommand(listener: (command: string) => void): () => void;
  pickFile(kind: PickKind, suggestedName?: string): Promise<string[] | null>;
  /** Shows a native context menu of these items; the chosen id, or null when dismissed. */
  showContextMenu(items: MenuItem[]): Promise<string | null>;
  /**
   * The path on disk of each dropped file ('' where there is none, e.g. a File the page built),
   * granted to this window for importing by path.
   */
  pathsForDroppedFiles(files: File[]): Promise<string[]>;
}

declare global {
  interface Window {
    quarry?: PreloadBridge;
  }
}
