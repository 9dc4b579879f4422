export { fileToBase64, downloadText } from '../../api/fileTransfer.js';

/** The drag payload of a source (set by the sources list and the Cases view's source list). */
export const SOURCE_DRAG_TYPE = 'text/x-quarry-source';
