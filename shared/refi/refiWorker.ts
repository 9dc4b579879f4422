/**
 * REFI-QDA export, import preview and import — and the coding comparison,
 * a long read of the whole project — as jobs in the worker process
 * (refiWorkerChild.ts, started by runChildTask): the app's own event loop
 * stays free, progress reaches the job, and Cancel kills the worker at once.
 * A killed or failed worker leaves nothing behind: the file it was writing
 * has a temporary name that is removed here (with a new project's SQLite
 * side files and lock).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { AgreementQuery, AgreementResult } from '../domain/agreementTypes.js';
import { QuarryError } from '../errors.js';
import { tempPathFor } from '../fsx/atomicWrite.js';
import { runChildTask } from '../jobs/childTask.js';
import { REFI_WORKER_MEMORY_MB } from '../limits.js';
import { checkFolder } from '../services/refiService.js';
import type { RefiImportReport } from './refiImportPlanTypes.js';
import { refiWorkerEntry } from './refiWorkerEntry.js';
import type { RefiSource, RefiWorkerRequest } from './refiWorkerProtocol.js';
import type { ExportChange } from './applyExportProfile.js';
import type { ExportProfileId } from './exportProfiles.js';
import type { ProfiledExportResult } from '../services/refiService.js';

function removeQuietly(path: string): void {
  try {
    rmSync(path, { recursive: true, force: true, maxRetries: 3 });
  } catch {
    // A leftover in a temporary name harms nothing the user sees.
  }
}

/** A file the worker built under a temporary name, and what SQLite and the lock put beside it. */
function removeBuilt(tempPath: string): void {
  for (const suffix of ['', '-journal', '-wal', '-shm', '.lock', '.spool']) removeQuietly(tempPath + suffix);
}

/** The worker's peak resident memory in its last run, in kB (the benchmark reports it). */
export let lastWorkerPeakRssKb = 0;

async function inWorker<T>(request: RefiWorkerRequest, what: string, tempPath?: string): Promise<T> {
  try {
    return await runChildTask<T>(refiWorkerEntry(), request, {
      maxOldSpaceMb: REFI_WORKER_MEMORY_MB,
      onPeakRss: (kb) => {
        lastWorkerPeakRssKb = kb;
      },
      diedMessage: `${what} stopped before it was complete (Quarry's worker ended unexpectedly, perhaps out of memory); nothing was changed.`,
    });
  } catch (err) {
    if (tempPath) removeBuilt(tempPath);
    throw err;
  }
}

/** Writes the project at `projectPath` as a REFI-QDA file at `target` for `profile`'s program; its size and the changes. */
export function exportInWorker(projectPath: string, format: 'qdpx' | 'qdc', target: string, profile: ExportProfileId = 'standard'): Promise<ProfiledExportResult> {
  checkFolder(target);
  const tempPath = tempPathFor(target);
  return inWorker<ProfiledExportResult>({ kind: 'export', format, projectPath, target, tempPath, profile }, `Exporting ${basename(target)}`, tempPath);
}

/** The export's bytes, for a caller that must hand them over whole (a download in browser mode). */
export async function exportBytesInWorker(projectPath: string, format: 'qdpx' | 'qdc', profile: ExportProfileId = 'standard'): Promise<{ data: Uint8Array; changes: ExportChange[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'quarry-export-'));
  try {
    const file = join(dir, `export.${format}`);
    const { changes } = await exportInWorker(projectPath, format, file, profile);
    return { data: new Uint8Array(readFileSync(file)), changes };
  } finally {
    removeQuietly(dir);
  }
}

/** What exporting for `profile` would drop or change; writes nothing. */
export function planExportInWorker(projectPath: string, format: 'qdpx' | 'qdc', profile: ExportProfileId): Promise<ExportChange[]> {
  return inWorker<ExportChange[]>({ kind: 'planExport', format, projectPath, profile }, 'Planning the export');
}

export function previewInWorker(fileName: string, source: RefiSource): Promise<RefiImportReport> {
  return inWorker<RefiImportReport>({ kind: 'preview', fileName, source }, `Reading ${fileName}`);
}

/** Coding comparison of the project at `projectPath`, as committed now, read in the worker. */
export function compareInWorker(projectPath: string, query: AgreementQuery): Promise<AgreementResult> {
  return inWorker<AgreementResult>({ kind: 'agreement', projectPath, query }, `Comparing ${query.coderA} and ${query.coderB}`);
}

/** Builds a new project at `target` from the file; it appears only once complete. */
export function importInWorker(target: string, fileName: string, source: RefiSource, acceptLosses: boolean): Promise<RefiImportReport> {
  if (existsSync(target)) throw new QuarryError('conflict', `${basename(target)} already exists; Quarry will not overwrite it. Choose another name.`);
  const tempPath = `${target}.importing-${randomBytes(4).toString('hex')}`;
  return inWorker<RefiImportReport>({ kind: 'import', fileName, source, target, tempPath, acceptLosses }, `Importing ${fileName}`, tempPath);
}
