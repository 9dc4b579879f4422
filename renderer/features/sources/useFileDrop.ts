import { useEffect, useState } from 'react';
import { carriesFiles, dataTransferFiles, droppedFiles } from './droppedFiles.js';

/**
 * Files (and folders) dragged from the desktop onto the window import as
 * sources. Listens on the window so a drop anywhere counts; a drag inside
 * the page (a code, a source) carries no files and is left alone.
 */
export function useFileDrop(onFiles: (files: File[]) => void): boolean {
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
      // Entries are readable only during the drop event: take them now, read them after.
      const { files, entries } = dataTransferFiles(e.dataTransfer!);
      void droppedFiles(files, entries).then((all) => all.length && onFiles(all));
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
  }, [onFiles]);
  return over;
}
