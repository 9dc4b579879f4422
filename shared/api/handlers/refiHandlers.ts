import { basename } from 'node:path';
import { QuarryError } from '../../errors.js';
import { MAX_REFI_FILE_BYTES } from '../../limits.js';
import { ProjectDb } from '../../db/projectDb.js';
import { exportBytesInWorker, exportInWorker, importInWorker, previewInWorker } from '../../refi/refiWorker.js';
import type { RefiSource } from '../../refi/refiWorkerProtocol.js';
import { getMeta } from '../../store/metaStore.js';
import type { RefiExportResult, refiMethods } from '../methods/refiMethods.js';
import type { Session } from '../session.js';
import { resolveProjectPath } from '../../app/projectPath.js';
import type { HandlersFor } from './handlerTypes.js';
import { projectInfo } from './projectHandlers.js';

const MAX_IMPORT_BYTES = MAX_REFI_FILE_BYTES;

/** The file as the call names it: a path (read by the worker) or the bytes in the request. */
function sourceOf(a: { fileName: string; dataBase64?: string | undefined; sourcePath?: string | undefined }): RefiSource {
  if (a.sourcePath !== undefined) return { path: a.sourcePath };
  if (a.dataBase64 === undefined) throw new QuarryError('bad_request', `${a.fileName}: name the file to read (sourcePath) or send its contents (dataBase64).`);
  if (a.dataBase64.length > (MAX_IMPORT_BYTES / 3) * 4 + 4) {
    throw new QuarryError('too_large', `${a.fileName}: the file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB, the most Quarry imports.`);
  }
  return { bytes: new Uint8Array(Buffer.from(a.dataBase64, 'base64')) };
}

/** A file name made from the project's name (characters file systems refuse are replaced). */
function exportName(session: Session, ext: string): string {
  const raw = getMeta(session.ctx().project.db, 'name') ?? '';
  const name = raw
    .replace(/\s*:\s*/g, ' - ')
    .replace(/[\\/*?"<>|]+/g, '-')
    .replace(/\p{Cc}+/gu, '')
    .trim();
  return `${name || 'project'}.${ext}`;
}

/** Written by the worker to `path`, or handed back whole for a download. */
async function exportRefi(session: Session, format: 'qdpx' | 'qdc', path: string | undefined): Promise<RefiExportResult> {
  const projectPath = session.ctx().project.path;
  if (path) return { fileName: basename(path), bytes: await exportInWorker(projectPath, format, path), path };
  const fileName = exportName(session, format);
  const bytes = await exportBytesInWorker(projectPath, format);
  return { fileName, bytes: bytes.length, dataBase64: Buffer.from(bytes).toString('base64') };
}

const newProjectPath = (path: string, session: Session): string => resolveProjectPath(path, session.projectsDir, 'new');

export const refiHandlers: HandlersFor<keyof typeof refiMethods> = {
  'refi.exportQdpx': (a, s) => exportRefi(s, 'qdpx', a.path),
  'refi.exportQdc': (a, s) => exportRefi(s, 'qdc', a.path),
  'refi.previewImport': (a) => previewInWorker(a.fileName, sourceOf(a)),
  'refi.importProject': async (a, s) => {
    const target = newProjectPath(a.path, s);
    const report = await importInWorker(target, a.fileName, sourceOf(a), a.acceptLosses ?? false);
    s.attach(ProjectDb.open(target).project);
    return { report, project: projectInfo(s)! };
  },
};
