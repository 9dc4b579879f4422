import { QuarryError } from '../../errors.js';
import { getDocument, importFiles, removeSource, renameSource } from '../../services/sourceService.js';
import { getSource, listSources } from '../../store/sourcesStore.js';
import { codingsForSource } from '../../store/codingsStore.js';
import type { sourceMethods } from '../methods/sourceMethods.js';
import type { HandlersFor } from './handlerTypes.js';

/** Bytes a base64 string decodes to, computed without decoding it. */
export function base64DecodedSize(b64: string): number {
  const len = b64.length;
  const padding = b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0;
  return Math.max(0, Math.floor((len * 3) / 4) - padding);
}

export const sourceHandlers: HandlersFor<keyof typeof sourceMethods> = {
  'sources.list': (_a, s) => listSources(s.ctx().project.db),
  'sources.get': (a, s) => getDocument(s.ctx().project.db, a.id, a.codings ?? true),
  'sources.codings': (a, s) => {
    const db = s.ctx().project.db;
    if (!getSource(db, a.id)) throw new QuarryError('not_found', 'That source no longer exists.');
    return codingsForSource(db, a.id);
  },
  'sources.import': (a, s) => {
    // Lazy files: an oversized one is refused on its own (per-file result) before it is decoded.
    const files = a.files.map((f) => ({
      fileName: f.fileName,
      size: base64DecodedSize(f.dataBase64),
      read: () => new Uint8Array(Buffer.from(f.dataBase64, 'base64')),
    }));
    return importFiles(s.ctx(), files, { caseFromFileName: a.caseFromFileName ?? false });
  },
  'sources.rename': (a, s) => {
    renameSource(s.ctx(), a);
    return null;
  },
  'sources.delete': (a, s) => {
    removeSource(s.ctx(), a.id);
    return null;
  },
};
