import { QuarryError } from '../../errors.js';
import { getDocument, importFiles, removeSource, renameSource } from '../../services/sourceService.js';
import { createSourceFolder, moveSourcesToFolder, removeSourceFolder, renameSourceFolder } from '../../services/sourceFolderService.js';
import { listSourceFolders } from '../../store/sourceFoldersStore.js';
import { getSource, listSources } from '../../store/sourcesStore.js';
import { codingsForSource } from '../../store/codingsStore.js';
import { spanTime } from '../../store/cuesStore.js';
import { sourceOverview } from '../../services/sourceOverview.js';
import { firstPage } from '../../services/sourcePage.js';
import type { sourceMethods } from '../methods/sourceMethods.js';
import type { HandlersFor } from './handlerTypes.js';
import { arrivingFile } from './arrivingFile.js';

export { base64DecodedSize } from './base64Size.js';

export const sourceHandlers: HandlersFor<keyof typeof sourceMethods> = {
  'sources.list': (_a, s) => listSources(s.ctx().project.db),
  'sources.overview': (_a, s) => sourceOverview(s.ctx().project.db, s.ctx().project.path),
  'sources.spanTimes': (a, s) => {
    const db = s.ctx().project.db;
    return a.spans.map((x) => spanTime(db, x.sourceId, x.start, x.end));
  },
  'sources.get': (a, s) => getDocument(s.ctx().project.db, a.id, a.codings ?? true),
  'sources.firstPage': (a, s) => firstPage(s.ctx().project.db, a.id, a.characters),
  'sources.codings': (a, s) => {
    const db = s.ctx().project.db;
    if (!getSource(db, a.id)) throw new QuarryError('not_found', 'That source no longer exists.');
    return codingsForSource(db, a.id);
  },
  'sources.import': (a, s) => {
    // Lazy files: an oversized one is refused on its own (per-file result) before it is decoded or read from disk.
    const files = a.files.map((f) => arrivingFile(f));
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
  'sources.folders': (_a, s) => listSourceFolders(s.ctx().project.db),
  'sources.createFolder': (a, s) => createSourceFolder(s.ctx(), a.name),
  'sources.renameFolder': (a, s) => {
    renameSourceFolder(s.ctx(), a.id, a.name);
    return null;
  },
  'sources.deleteFolder': (a, s) => {
    removeSourceFolder(s.ctx(), a.id);
    return null;
  },
  'sources.move': (a, s) => {
    moveSourcesToFolder(s.ctx(), a.ids, a.folderId);
    return null;
  },
};
