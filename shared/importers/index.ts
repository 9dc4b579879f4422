export { importDocument, DEFAULT_MAX_IMPORT_BYTES, SUPPORTED_EXTENSIONS, splitFileName } from './importDocument.js';
export type { ImportedDocument, ImportOptions, OriginType, SourceEncoding } from './importDocument.js';
