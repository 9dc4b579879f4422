import { basename } from 'node:path';
import { MAX_REFI_FILE_BYTES } from '../../limits.js';
import { exportQdcText, exportQdpxBytes, importRefiProject, previewRefiImport, writeFileAtomically } from '../../services/refiService.js';
import { getMeta } from '../../store/metaStore.js';
import type { RefiExportResult, refiMethods } from '../methods/refiMethods.js';
import type { Session } from '../session.js';
import { resolveProjectPath } from '../../app/projectPath.js';
import type { HandlersFor } from './handlerTypes.js';
import { projectInfo } from './projectHandlers.js';
import { readArrivingFile, type FileArgument } from './arrivingFile.js';

const MAX_IMPORT_BYTES = MAX_REFI_FILE_BYTES;

const decode = (a: FileArgument): { fileName: string; bytes: Uint8Array } =>
  readArrivingFile(a, MAX_IMPORT_BYTES, (fileName) => `${fileName}: the file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB, the most Quarry imports.`);

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

function deliver(fileName: string, data: Uint8Array | string, path: string | undefined): RefiExportResult {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  if (path) {
    writeFileAtomically(path, bytes);
    return { fileName: basename(path), bytes: bytes.length, path };
  }
  return { fileName, bytes: bytes.length, dataBase64: Buffer.from(bytes).toString('base64') };
}

const newProjectPath = (path: string, session: Session): string => resolveProjectPath(path, session.projectsDir, 'new');

export const refiHandlers: HandlersFor<keyof typeof refiMethods> = {
  'refi.exportQdpx': (a, s) => deliver(exportName(s, 'qdpx'), exportQdpxBytes(s.ctx().project.db), a.path),
  'refi.exportQdc': (a, s) => deliver(exportName(s, 'qdc'), exportQdcText(s.ctx().project.db), a.path),
  'refi.previewImport': (a) => {
    const { fileName, bytes } = decode(a);
    return previewRefiImport(fileName, bytes);
  },
  'refi.importProject': (a, s) => {
    const { fileName, bytes } = decode(a);
    const { report, project } = importRefiProject(newProjectPath(a.path, s), fileName, bytes, { acceptLosses: a.acceptLosses ?? false, keepOpen: true });
    s.attach(project!);
    return { report, project: projectInfo(s)! };
  },
};
