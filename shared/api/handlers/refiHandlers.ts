import { basename } from 'node:path';
import { MAX_REFI_FILE_BYTES } from '../../limits.js';
import { getMeta } from '../../store/metaStore.js';
import type { RefiExportResult, refiMethods } from '../methods/refiMethods.js';
import type { Session } from '../session.js';
import { resolveProjectPath } from '../../app/projectPath.js';
import type { HandlersFor } from './handlerTypes.js';
import { projectInfo } from './projectHandlers.js';
import { readArrivingFile, type FileArgument } from './arrivingFile.js';

const MAX_IMPORT_BYTES = MAX_REFI_FILE_BYTES;

/** Loaded on first use: the REFI-QDA reader and writer (an XML parser, a zip library) are large, and most runs never exchange files. */
const refi = () => import('../../services/refiService.js');

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

async function deliver(fileName: string, data: Uint8Array | string, path: string | undefined): Promise<RefiExportResult> {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  if (path) {
    (await refi()).writeFileAtomically(path, bytes);
    return { fileName: basename(path), bytes: bytes.length, path };
  }
  return { fileName, bytes: bytes.length, dataBase64: Buffer.from(bytes).toString('base64') };
}

const newProjectPath = (path: string, session: Session): string => resolveProjectPath(path, session.projectsDir, 'new');

export const refiHandlers: HandlersFor<keyof typeof refiMethods> = {
  'refi.exportQdpx': async (a, s) => deliver(exportName(s, 'qdpx'), (await refi()).exportQdpxBytes(s.ctx().project.db), a.path),
  'refi.exportQdc': async (a, s) => deliver(exportName(s, 'qdc'), (await refi()).exportQdcText(s.ctx().project.db), a.path),
  'refi.previewImport': async (a) => {
    const { fileName, bytes } = decode(a);
    return (await refi()).previewRefiImport(fileName, bytes);
  },
  'refi.importProject': async (a, s) => {
    const { fileName, bytes } = decode(a);
    const { report, project } = (await refi()).importRefiProject(newProjectPath(a.path, s), fileName, bytes, { acceptLosses: a.acceptLosses ?? false, keepOpen: true });
    s.attach(project!);
    return { report, project: projectInfo(s)! };
  },
};
