import { isAbsolute } from 'node:path';
import { QuarryError } from '../../errors.js';
import { loadExportChoices } from '../../exporters/exportChoices.js';
import type { exportMethods } from '../methods/exportMethods.js';
import type { HandlersFor } from './handlerTypes.js';

/** Loaded on first use: the Word writer (docx) is large, and most runs never export. */
const exporters = () => import('../../exporters/runExport.js');

export const exportHandlers: HandlersFor<keyof typeof exportMethods> = {
  'export.choices': (_a, s) => loadExportChoices(s.ctx().project.db),
  'export.preview': async (a, s) => (await exporters()).loadExportModel(s.ctx().project.db, a.request),
  'export.file': async (a, s) => {
    const file = await (await exporters()).exportFile(s.ctx().project.db, a.request);
    return { fileName: file.fileName, mimeType: file.mimeType, dataBase64: Buffer.from(file.bytes).toString('base64'), bytes: file.bytes.length };
  },
  'export.save': async (a, s) => {
    // A browser page must not name paths on the machine that serves it; it downloads instead. The
    // `quarry` command (a one-shot session) runs as the user on their own machine and writes where it is told.
    if (s.platform !== 'electron' && !s.opts.oneShot) throw new QuarryError('bad_request', 'In the browser, exports are downloaded; saving to a path is for the desktop app.');
    if (!isAbsolute(a.path)) throw new QuarryError('bad_request', 'Say where to save the export with a full path.');
    return (await exporters()).saveExport(s.ctx().project.db, a.request, a.path);
  },
};
