import { useEffect, useState } from 'react';
import { desktopBridge, dropImport, type DropBridge, type DropImport } from '../../api/dropImport.js';
import { carriesFiles, dataTransferFiles, droppedFiles } from './droppedFiles.js';

/**
 * What a drop imports: the dropped files, and every importable file inside a
 * dropped folder, by path in the desktop app or as bytes in browser mode.
 * Call it during the drop event: entries are readable only then.
 */
export function takeDrop(dt: DataTransfer, bridge: DropBridge = desktopBridge()): Promise<DropImport | null> {
  const { files, entries } = dataTransferFiles(dt);
  return droppedFiles(files, entries).then((all) => (all.length ? dropImport(all, bridge) : null));
}

/**
 * Files (and folders) dragged from the desktop onto the window import as
 * sources. Listens on the window so a drop anywhere counts; a drag inside
 * the page (a code, a source) carries no files and is left alone. The
 * desktop app hands over the files' paths, browser mode their bytes.
 */
export function useFileDrop(onDrop: (drop: DropImport) => void): boolean {
  const [over, setOver] = useState(false);
  useEffect(() => {
    let depth = 0;
    const isFiles = (e: DragEvent) => !!e.dataTransfer && carriesFiles(Array.from(e.dataTransfer.types));
    const enter = (e: DragEvent) => {
      if (!isFiles(e)) return;
      depth++;
      setOver(true);
    };
    const leave = (e: DragEvent) => {
      if (!isFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setOver(false);
    };
    const overWindow = (e: DragEvent) => {
      if (!isFiles(e)) return;
      e.preventDefault();
      e.dataTransfer!.dropEffect = 'copy';
    };
    const drop = (e: DragEvent) => {
      if (!isFiles(e)) return;
      e.preventDefault();
      depth = 0;
      setOver(false);
      void takeDrop(e.dataTransfer!).then((drop) => drop && onDrop(drop));
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragleave', leave);
    window.addEventListener('dragover', overWindow);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('dragover', overWindow);
      window.removeEventListener('drop', drop);
    };
  }, [onDrop]);
  return over;
}
