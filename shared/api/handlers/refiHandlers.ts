import { basename } from 'node:path';
import { QuarryError } from '../../errors.js';
import { MAX_REFI_FILE_BYTES } from '../../limits.js';
import { ProjectDb } from '../../db/projectDb.js';
import { exportBytesInWorker, exportInWorker, importInWorker, planExportInWorker, previewInWorker } from '../../refi/refiWorker.js';
import type { ExportProfileId } from '../../refi/exportProfiles.js';
import type { RefiSource } from '../../refi/refiWorkerProtocol.js';
import { getMeta } from '../../store/metaStore.js';
import type { RefiExportResult, refiMethods } from '../methods/refiMethods.js';
import type { Session } from '../session.js';
import { resolveProjectPath } from '../../app/projectPath.js';
import type { HandlersFor } from './handlerTypes.js';
import { projectInfo } from './projectHandlers.js';
import { arrivingFile, type FileArgument } from './arrivingFile.js';

const MAX_IMPORT_BYTES = MAX_REFI_FILE_BYTES;

/**
 * The file as the call names it: a path (checked here, read by the worker,
 * so a large package never passes through the app's memory or a JSON body)
 * or the bytes in the request.
 */
function sourceOf(a: FileArgument): { fileName: string; source: RefiSource } {
  const f = arrivingFile(a);
  if ('error' in f) throw f.error;
  if (f.size > MAX_IMPORT_BYTES) throw new QuarryError('too_large', `${f.fileName}: the file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB, the most Quarry imports.`, { file: f.fileName });
  return { fileName: f.fileName, source: a.filePath !== undefined ? { path: a.filePath.trim() } : { bytes: f.read() } };
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
async function exportRefi(session: Session, format: 'qdpx' | 'qdc', path: string | undefined, profile: ExportProfileId = 'standard'): Promise<RefiExportResult> {
  const projectPath = session.ctx().project.path;
  if (path) {
    const written = await exportInWorker(projectPath, format, path, profile);
    return { fileName: basename(path), bytes: written.bytes, path, profile, changes: written.changes };
  }
  const fileName = exportName(session, format);
  const { data, changes } = await exportBytesInWorker(projectPath, format, profile);
  return { fileName, bytes: data.length, dataBase64: Buffer.from(data).toString('base64'), profile, changes };
}

const newProjectPath = (path: string, session: Session): string => resolveProjectPath(path, session.projectsDir, 'new');

export const refiHandlers: HandlersFor<keyof typeof refiMethods> = {
  'refi.exportQdpx': (a, s) => exportRefi(s, 'qdpx', a.path, a.profile),
  'refi.exportQdc': (a, s) => exportRefi(s, 'qdc', a.path, a.profile),
  'refi.planExport': async (a, s) => {
    const profile = a.profile ?? 'standard';
    return { profile, changes: await planExportInWorker(s.ctx().project.path, a.format, profile) };
  },
  'refi.previewImport': (a) => {
    const { fileName, source } = sourceOf(a);
    return previewInWorker(fileName, source);
  },
  'refi.importProject': async (a, s) => {
    const target = newProjectPath(a.path, s);
    const { fileName, source } = sourceOf(a);
    const report = await importInWorker(target, fileName, source, a.acceptLosses ?? false);
    s.attach(ProjectDb.open(target).project);
    return { report, project: projectInfo(s)! };
  },
};
