import { derivedGuid, isNormalGuid, isRefiGuid, normalizeGuid } from './refiGuid.js';

/** A GUID to store for an imported item: the file's own when it is a GUID, else a stable one derived from it (so a later export is valid). */
export const fixGuid = (raw: string): string => (isNormalGuid(raw) ? raw : isRefiGuid(raw.trim()) ? normalizeGuid(raw) : derivedGuid('imported', raw));
