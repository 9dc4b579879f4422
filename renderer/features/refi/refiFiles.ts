/** Files in and out of the browser for REFI-QDA exchange. */
export { fileToBase64, downloadBase64 } from '../../api/fileTransfer.js';

/** The file name without folder and extension, for a default project name. */
export function stemOf(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  return base.replace(/\.[^.]+$/, '') || 'Imported project';
}
