/**
 * The REFI-QDA worker process (see shared/jobs/childTask.ts): exports the
 * open project, previews an import, builds the imported project and
 * compares two coders' coding (agreement.compare), away
 * from the process that answers the user. It opens its own connections:
 * the project to export read-only, inside one read transaction (a
 * consistent snapshot while the app goes on writing), and the new project
 * of an import at a temporary path that the app moves into place only when
 * it is complete — killed half-way, the worker leaves nothing the user sees.
 */
import { statSync } from 'node:fs';
import { exposedCollector, setImportCollector } from './importMemory.js';
import { isImportWriterThread, runImportWriterThread } from './importWriterThread.js';
import { refiWorkerEntry } from './refiWorkerEntry.js';
import { ProjectDb } from '../db/projectDb.js';
import { QuarryError, toErrorPayload } from '../errors.js';
import { writeFileAtomicSync } from '../fsx/atomicWrite.js';
import { MAX_REFI_FILE_BYTES } from '../limits.js';
import { exportQdcForProfile, exportQdpxForProfile, importRefiProject, planExportChanges, previewRefiImport, type ProfiledExportResult } from '../services/refiService.js';
import { onParentMessage, postToParent } from '../foreign/childPort.js';
import type { ChildMessage } from '../jobs/childTask.js';
import { compareCoding } from '../services/agreementService.js';
import type { AgreementResult } from '../domain/agreementTypes.js';
import type { RefiSource, RefiWorkerRequest } from './refiWorkerProtocol.js';

const post = (m: ChildMessage): void => postToParent(m);
const progress = (done: number, total: number, phase: string): void => post({ kind: 'progress', done, total, phase });

/** The file to read: bytes as sent, or the path of a file within the size Quarry imports (read piece by piece by the reader). */
function sourceInput(fileName: string, source: RefiSource): Uint8Array | { path: string } {
  if ('bytes' in source) return source.bytes;
  let size: number;
  try {
    size = statSync(source.path).size;
  } catch {
    throw new QuarryError('not_found', `${fileName}: no such file (${source.path}).`);
  }
  if (size > MAX_REFI_FILE_BYTES) throw new QuarryError('too_large', `${fileName}: the file is larger than ${MAX_REFI_FILE_BYTES / 1024 / 1024} MB, the most Quarry imports.`);
  return { path: source.path };
}

/** The project at `projectPath`, read-only, in one read transaction: every table as of the same moment, whatever the app writes meanwhile. */
function withSnapshot<T>(projectPath: string, read: (db: ProjectDb['db']) => T): T {
  const { project } = ProjectDb.open(projectPath, { readOnly: true, lock: false });
  const db = project.db;
  try {
    db.exec('BEGIN');
    return read(db);
  } finally {
    if (db.inTransaction) db.exec('COMMIT');
    project.close();
  }
}

/** "Writing sources 120 / 2,000", at most every PROGRESS_MS (a message per source would flood the parent). */
function sourceProgress(): (done: number, total: number) => void {
  let last = 0;
  return (done, total) => {
    const now = performance.now();
    if (done < total && now - last < PROGRESS_MS) return;
    last = now;
    progress(done, total, `Writing sources ${done.toLocaleString('en')} / ${total.toLocaleString('en')}`);
  };
}

const PROGRESS_MS = 100;

function exportProject(req: Extract<RefiWorkerRequest, { kind: 'export' }>): ProfiledExportResult {
  progress(0, 1, 'Writing the package');
  return withSnapshot(req.projectPath, (db) => {
    if (req.format === 'qdpx') return exportQdpxForProfile(db, req.target, req.profile, req.tempPath, sourceProgress());
    const { text, changes } = exportQdcForProfile(db, req.profile);
    const bytes = new TextEncoder().encode(text);
    writeFileAtomicSync(req.target, bytes, { tempPath: req.tempPath, what: 'the REFI-QDA file' });
    return { bytes: bytes.length, profile: req.profile, changes };
  });
}

/** The coding comparison, read like an export: read-only, inside one read transaction. */
function compareProject(req: Extract<RefiWorkerRequest, { kind: 'agreement' }>): AgreementResult {
  progress(0, 1, 'Comparing the coders');
  return withSnapshot(req.projectPath, (db) => compareCoding(db, req.query));
}

function answer(req: RefiWorkerRequest): unknown {
  switch (req.kind) {
    case 'export':
      return exportProject(req);
    case 'planExport':
      progress(0, 1, 'Reading the project');
      return withSnapshot(req.projectPath, (db) => planExportChanges(db, req.profile, req.format));
    case 'preview':
      progress(0, 1, 'Reading the file');
      return previewRefiImport(req.fileName, sourceInput(req.fileName, req.source));
    case 'import': {
      progress(0, 2, 'Reading the file');
      const input = sourceInput(req.fileName, req.source);
      progress(1, 2, 'Writing the new project');
      const { report } = importRefiProject(req.target, req.fileName, input, { acceptLosses: req.acceptLosses, tempPath: req.tempPath, writerThread: refiWorkerEntry() });
      return report;
    }
    case 'agreement':
      return compareProject(req);
  }
}

// The same script is the import's writer thread (importWriterThread.ts) when started as one.
if (isImportWriterThread()) {
  runImportWriterThread();
} else {
  // This process only runs exports and imports: it may collect its garbage when the import asks.
  setImportCollector(exposedCollector());
  onParentMessage((raw) => {
    const req = raw as RefiWorkerRequest;
    try {
      const value = answer(req);
      post({ kind: 'done', value, maxRssKb: process.resourceUsage().maxRSS });
    } catch (err) {
      post({ kind: 'error', error: toErrorPayload(err) });
    }
  });
}
