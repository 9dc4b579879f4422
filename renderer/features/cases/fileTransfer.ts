export { fileToBase64, downloadBase64, downloadText } from '../../api/fileTransfer.js';

export const XLSX_MIME_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The drag payload of a source (set by the sources list and the Cases view's source list). */
export const SOURCE_DRAG_TYPE = 'text/x-quarry-source';
