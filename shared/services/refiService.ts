/**
 * REFI-QDA exchange for the app and the CLI: export the open project as a
 * .qdpx package or a .qdc codebook, and import a .qdpx/.qde as a NEW project
 * (never into the open one). An import that would leave something out needs
 * the user's explicit acceptance of the listed losses; the new project file
 * is built under a temporary name and only appears once it is complete.
 */
import { existsSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import type Database from 'better-sqlite3';
import { ProjectDb } from '../db/projectDb.js';
import { placeFileAtomicSync, writeFileAtomicSync, writeProducedAtomicSync } from '../fsx/atomicWrite.js';
import { QuarryError } from '../errors.js';
import { projectToRefiStream } from '../refi/projectToRefi.js';
import { readRefiFile } from '../refi/readRefiFile.js';
import { writeQdc, writeQdpxStream, writeQdpxStreamTo } from '../refi/qdpxWriter.js';
import type { SourceProgress } from '../refi/qdeSerializer.js';
import { importedProjectName, planRefiImport } from '../refi/refiImportPlan.js';
import type { RefiImportPlan, RefiImportReport } from '../refi/refiImportPlanTypes.js';
import type { RefiImportResult } from '../refi/refiModel.js';
import { fileZipSource } from '../refi/refiZip.js';
import { fileSpool, type SelectionSpool } from '../refi/selectionSpool.js';
import { ImportWriter, reportOf } from '../refi/refiToProject.js';
import { ThreadedImportWriter } from '../refi/importWriterThread.js';
import { applyExportProfileToStream, profileCodes, type ExportChange } from '../refi/applyExportProfile.js';
import { exportProfile, type ExportProfileId } from '../refi/exportProfiles.js';

export function exportQdpxBytes(db: Database.Database, profile: ExportProfileId = 'standard'): Uint8Array {
  const { stream, options } = applyExportProfileToStream(projectToRefiStream(db).stream, exportProfile(profile));
  return writeQdpxStream(stream, options);
}

/** A REFI-QDA file written for one peer program: its size and what that program will drop or see changed. */
export interface ProfiledExportResult {
  bytes: number;
  profile: ExportProfileId;
  changes: ExportChange[];
}

/** Streams the .qdpx package to `path` atomically (see writeQdpxTo), laid out for `profile`. */
export function exportQdpxForProfile(db: Database.Database, path: string, profile: ExportProfileId, tempPath?: string, progress?: SourceProgress): ProfiledExportResult {
  checkFolder(path);
  // A source's text and selections are read only while it is written: memory stays that of one source, not the project's.
  const { stream, options, changes } = applyExportProfileToStream(projectToRefiStream(db).stream, exportProfile(profile));
  const bytes = writeProducedAtomicSync(path, (write) => writeQdpxStreamTo(stream, write, options, progress), { what: 'the REFI-QDA file', ...(tempPath ? { tempPath } : {}) });
  return { bytes, profile, changes };
}

/** Streams the .qdpx package to `path` atomically, to the spec; returns its size. */
export function exportQdpxFile(db: Database.Database, path: string, tempPath?: string): number {
  return exportQdpxForProfile(db, path, 'standard', tempPath).bytes;
}

/** The codebook for one peer program, and what that program will see changed. */
export function exportQdcForProfile(db: Database.Database, profile: ExportProfileId): { text: string; changes: ExportChange[] } {
  const { codes, sets } = projectToRefiStream(db).stream.project;
  // The codebook schema requires at least one code.
  if (codes.length === 0) throw new QuarryError('bad_request', 'This project has no codes yet, so there is no codebook to export.');
  const changes: ExportChange[] = [];
  const spec = exportProfile(profile);
  // A codebook's sets hold codes only: the code sets that have members.
  return { text: writeQdc(profileCodes(codes, spec, changes), sets.filter((s) => s.memberCodeGuids.length > 0)), changes };
}

export function exportQdcText(db: Database.Database): string {
  return exportQdcForProfile(db, 'standard').text;
}

/** What the target program will drop or see changed, before anything is written. */
export function planExportChanges(db: Database.Database, profile: ExportProfileId, format: 'qdpx' | 'qdc' = 'qdpx'): ExportChange[] {
  if (format === 'qdc') return exportQdcForProfile(db, profile).changes;
  return applyExportProfileToStream(projectToRefiStream(db).stream, exportProfile(profile)).changes;
}

export function checkFolder(path: string): void {
  if (!existsSync(dirname(path))) throw new QuarryError('not_found', `${basename(path)}: the folder ${dirname(path)} does not exist.`);
}

/** Writes a REFI-QDA file through the atomic-write helper, so a failed export never leaves half a file. */
export function writeFileAtomically(path: string, data: Uint8Array | string): void {
  checkFolder(path);
  writeFileAtomicSync(path, data, { what: 'the REFI-QDA file' });
}

/** A REFI-QDA file to read: its bytes, or its path (a package on disk is then read piece by piece, never whole). */
export type RefiFileInput = Uint8Array | { path: string };

function readRefiInput(fileName: string, input: RefiFileInput, spool: SelectionSpool): RefiImportResult {
  if (input instanceof Uint8Array) return readRefiFile(fileName, input, spool);
  const source = fileZipSource(input.path);
  try {
    return readRefiFile(fileName, source, spool);
  } finally {
    source.close();
  }
}

/**
 * The file read with its selections staged in a spool in a temporary file
 * (at a million codings, held as objects, they took a gigabyte); the
 * planner takes them a source at a time. Call `close` when done.
 */
function readStaged(fileName: string, input: RefiFileInput, spoolFolder?: string): { result: RefiImportResult; close: () => void } {
  const spool = fileSpool(spoolFolder);
  try {
    return { result: readRefiInput(fileName, input, spool), close: () => spool.close() };
  } catch (err) {
    spool.close();
    throw err;
  }
}

/** What importing the file would give, without creating anything. */
export function previewRefiImport(fileName: string, input: RefiFileInput): RefiImportReport {
  const { result, close } = readStaged(fileName, input);
  try {
    // Each source's codings are counted as planned and let go: a preview never holds them all.
    const plan = planRefiImport(result, { consumeSelections: true, onSource: () => {} });
    return reportOf(result, plan);
  } finally {
    close();
  }
}

function lossesRefused(fileName: string, plan: RefiImportPlan): QuarryError {
  return new QuarryError(
    'invalid_input',
    `${fileName}: ${plan.skipped.length} item(s) cannot be imported (first: ${plan.skipped[0]!.kind}${plan.skipped[0]!.name ? ` “${plan.skipped[0]!.name}”` : ''}: ${plan.skipped[0]!.reason}). Review the list and accept the losses to import the rest.`,
    { skipped: plan.skipped.length },
  );
}

export interface RefiImportOptions {
  /** Needed when anything would be left out: the user has seen the list and accepts it. */
  acceptLosses?: boolean;
  /** Keep the project open and return it (the app opens it); otherwise it is closed. */
  keepOpen?: boolean;
  /** Where the new project is built before it takes its name (a caller that cleans up after a killed worker). */
  tempPath?: string;
  /** The script to write on a thread beside the planner (the REFI worker's own; importWriterThread.ts); otherwise, or when that thread cannot start, the planner's thread writes. */
  writerThread?: string;
}

export interface RefiImportOutcome {
  report: RefiImportReport;
  path: string;
  project?: ProjectDb;
}

/** Plans here and writes on a thread beside (importWriterThread.ts): the same rows, in the same order, in one transaction there. */
function planAndWriteOnThread(writer: ThreadedImportWriter, fileName: string, result: RefiImportResult, acceptLosses: boolean): RefiImportReport {
  try {
    const plan = planRefiImport(result, { consumeSelections: true, onSource: (p, source, codings) => writer.source(p, source, codings) });
    if (plan.skipped.length > 0 && !acceptLosses) throw lossesRefused(fileName, plan);
    writer.finish(plan);
    return reportOf(result, plan);
  } catch (err) {
    writer.abort();
    throw err;
  }
}

/**
 * Reads the file, then plans and writes the new project in one pass (each
 * source with its codings written as soon as it is planned) inside one
 * transaction on a project under a temporary name, which takes its name
 * only when complete. An import that would leave something out, without
 * `acceptLosses`, is refused once the plan says so, and nothing is created.
 */
export function importRefiProject(path: string, fileName: string, input: RefiFileInput, opts: RefiImportOptions = {}): RefiImportOutcome {
  if (existsSync(path)) throw new QuarryError('conflict', `${basename(path)} already exists; Quarry will not overwrite it. Choose another name.`);
  const tempPath = opts.tempPath ?? `${path}.importing-${process.pid}`;
  // Beside the project being built, so whoever removes that after a killed import removes this too.
  const { result, close } = readStaged(fileName, input, `${tempPath}.spool`);
  let report: RefiImportReport | undefined;
  try {
    placeFileAtomicSync(
      path,
      (tmp) => {
        const created = ProjectDb.create(tmp, { name: importedProjectName(result.project.name) });
        try {
          // Its indexes are built from a million rows at the end: sorted on disk, not in memory (~100 MB at 1M codings).
          created.db.pragma('temp_store = FILE');
          const thread = opts.writerThread ? ThreadedImportWriter.start(opts.writerThread, tmp) : undefined;
          if (thread) {
            report = planAndWriteOnThread(thread, fileName, result, opts.acceptLosses === true);
            return;
          }
          // A brand-new project: there is nothing to undo back to, so the import is not an undo step.
          created.history.untracked(() => {
            const writer = new ImportWriter(created.db);
            const plan = planRefiImport(result, { consumeSelections: true, onSource: (p, source, codings) => writer.source(p, source, codings) });
            if (plan.skipped.length > 0 && !opts.acceptLosses) throw lossesRefused(fileName, plan);
            writer.finish(plan);
            report = reportOf(result, plan);
          });
        } finally {
          created.close();
        }
      },
      { replace: false, what: 'the new project', tempPath },
    );
  } finally {
    close();
  }
  if (!report) throw new QuarryError('internal', `${fileName}: the import ended without its report.`);
  if (!opts.keepOpen) return { report, path };
  return { report, path, project: ProjectDb.open(path).project };
}
