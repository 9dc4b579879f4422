/**
 * How files dropped on the window reach the core. The desktop app imports
 * them by path — the preload reads each dropped File's path
 * (webUtils.getPathForFile) and the shell grants exactly those — so their
 * bytes never pass through the page. Browser mode has no paths and uploads
 * the bytes, as does the desktop app when any file has no path.
 */
import type { PreloadBridge } from './transport.js';

export type DropImport = { kind: 'paths'; paths: string[] } | { kind: 'bytes'; files: File[] };

export type DropBridge = Pick<PreloadBridge, 'pathsForDroppedFiles'> | null | undefined;

/** The desktop app's preload bridge, or undefined in browser mode. */
export const desktopBridge = (): PreloadBridge | undefined => (typeof window === 'undefined' ? undefined : window.quarry);

export async function dropImport(files: File[], bridge: DropBridge = desktopBridge()): Promise<DropImport> {
  if (!bridge || files.length === 0) return { kind: 'bytes', files };
  let paths: string[];
  try {
    paths = await bridge.pathsForDroppedFiles(files);
  } catch {
    return { kind: 'bytes', files };
  }
  // One batch goes one way (one job, one progress report, one undo step).
  const complete = paths.length === files.length && paths.every((p) => typeof p === 'string' && p !== '');
  return complete ? { kind: 'paths', paths } : { kind: 'bytes', files };
}
