import { QuarryError } from '../../errors.js';
import { getDocument, importFiles, removeSource, renameSource } from '../../services/sourceService.js';
import { listSources } from '../../store/sourcesStore.js';
import type { sourceMethods } from '../methods/sourceMethods.js';
import type { HandlersFor } from './handlerTypes.js';

/** Largest file accepted through the API (base64 inflates it by a third on the way). */
export const MAX_UPLOAD_BYTES = 64 * 1024 * 1024;

export const sourceHandlers: HandlersFor<keyof typeof sourceMethods> = {
  'sources.list': (_a, s) => listSources(s.ctx().project.db),
  'sources.get': (a, s) => getDocument(s.ctx().project.db, a.id),
  'sources.import': (a, s) => {
    const files = a.files.map((f) => {
      if (f.dataBase64.length > (MAX_UPLOAD_BYTES * 4) / 3 + 4) {
        throw new QuarryError('too_large', `${f.fileName}: the file is larger than the ${MAX_UPLOAD_BYTES / 1024 / 1024} MB limit for one import.`);
      }
      return { fileName: f.fileName, bytes: new Uint8Array(Buffer.from(f.dataBase64, 'base64')) };
    });
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
