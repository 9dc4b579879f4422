import { basename } from 'node:path';
import { QuarryError } from '../../errors.js';
import { attachTranscript, importRecording, relinkMedia, sourceMedia, timedLines, writeMediaFile } from '../../services/mediaService.js';
import { getSource } from '../../store/sourcesStore.js';
import type { mediaMethods } from '../methods/mediaMethods.js';
import type { HandlersFor } from './handlerTypes.js';
import { readArrivingFile } from './arrivingFile.js';
import { DEFAULT_MAX_IMPORT_BYTES } from '../../importers/importLimits.js';

/** A transcript is a document: held to the same size before it is read. */
function readTranscript(path: string): { fileName: string; bytes: Uint8Array } {
  try {
    return readArrivingFile({ filePath: path }, DEFAULT_MAX_IMPORT_BYTES, (name) => `${name}: the transcript is larger than ${DEFAULT_MAX_IMPORT_BYTES / 1024 / 1024} MB, the most Quarry imports as one document.`);
  } catch (err) {
    if (err instanceof QuarryError && err.code === 'too_large') throw err;
    throw new QuarryError('invalid_input', `${basename(path)}: the transcript could not be read (is the path right?)`, { file: basename(path) });
  }
}

export const mediaHandlers: HandlersFor<keyof typeof mediaMethods> = {
  'media.importRecording': (a, s) =>
    importRecording(s.ctx(), {
      mediaPath: a.mediaPath,
      ...(a.transcriptPath !== undefined ? { transcript: readTranscript(a.transcriptPath) } : {}),
      caseFromFileName: a.caseFromFileName ?? false,
    }),
  'media.get': (a, s) => {
    const { db, path } = s.ctx().project;
    if (!getSource(db, a.sourceId)) throw new QuarryError('not_found', 'That source no longer exists.');
    return { media: sourceMedia(db, path, a.sourceId), lines: timedLines(db, a.sourceId) };
  },
  'media.relink': (a, s) => relinkMedia(s.ctx(), a.sourceId, a.path),
  'media.attachTranscript': (a, s) => attachTranscript(s.ctx(), a.sourceId, readTranscript(a.transcriptPath)),
  'media.export': async (a, s) => {
    const { db, path } = s.ctx().project;
    const { bytes, fileName } = await writeMediaFile(db, path, a.sourceId, a.path);
    return { path: a.path, bytes, fileName };
  },
};
