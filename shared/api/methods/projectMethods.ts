import { z } from 'zod';
import type { Coder, CodingsChange, ProjectInfo } from '../../domain/types.js';
import type { HistoryState } from '../../db/undoHistoryTypes.js';
import type { CleanedCopyReport } from '../../db/cleanedCopy/cleanedCopyTypes.js';
import { EVERYTHING } from '../affects.js';
import { method } from '../defineMethod.js';

export interface RecentProject {
  path: string;
  name: string;
  openedAt: string;
  exists: boolean;
}

export interface AppInfo {
  version: string;
  schemaVersion: number;
  platform: 'web' | 'electron';
  dataDir: string;
  projectsDir: string;
  coderName: string;
  recent: RecentProject[];
  demoPath: string;
  demoExists: boolean;
}

const path = z.string().min(1, 'a file path is needed');
/** A file to create, named exactly by its full path (as the `quarry` command names it); never over a file that is there. */
const newFile = z.string().min(1, 'a file path is needed');

export const projectMethods = {
  'app.info': method<AppInfo>()(z.object({}), { reads: ['app'] }),
  'app.setCoder': method<AppInfo>()(z.object({ name: z.string().trim().min(1).max(100) }), { invalidates: true, affects: ['app', 'coders', 'project'] }),
  'app.forgetRecent': method<AppInfo>()(z.object({ path }), { invalidates: true, affects: ['app'] }),
  /**
   * A new project (never over an existing file). The path is read as the start screen reads a typed
   * one (`.quarry` implied, a bare name in the projects folder) unless `exactPath`: then it is the
   * file to create, as `quarry new` names it (refused outside the CLI's one-shot session).
   */
  'project.create': method<ProjectInfo>()(z.object({ path, name: z.string().optional(), exactPath: z.boolean().optional() }), { invalidates: true, affects: EVERYTHING }),
  'project.open': method<ProjectInfo>()(z.object({ path, readOnly: z.boolean().optional() }), { invalidates: true, affects: EVERYTHING }),
  /**
   * After an `untrusted_file` refusal: copies the file's data into a new project and opens that;
   * the new project is `target` (refused if there is a file) or, by default, "<name> (cleaned).quarry" beside it.
   */
  'project.openCleanedCopy': method<{ cleaned: CleanedCopyReport; project: ProjectInfo }>()(z.object({ path, target: newFile.optional() }), { invalidates: true, affects: EVERYTHING }),
  /**
   * Opens the demo study, built first if it is not there (or when `rebuild`). With `path`, the
   * study is built as a new project there instead (refused if there is a file: `quarry demo`).
   */
  'project.openDemo': method<ProjectInfo>()(z.object({ rebuild: z.boolean().optional(), path: newFile.optional() }), { invalidates: true, affects: EVERYTHING }),
  'project.close': method<null>()(z.object({}), { invalidates: true, affects: EVERYTHING }),
  'project.info': method<ProjectInfo | null>()(z.object({}), { reads: ['project'] }),
  'coders.list': method<Coder[]>()(z.object({}), { reads: ['coders'] }),
  'coders.save': method<Coder>()(
    z.object({ id: z.number().int().optional(), name: z.string(), initials: z.string().max(4).optional(), color: z.string().optional() }),
    { mutates: true, affects: ['app', 'coders', 'codings', 'project', 'history'] },
  ),
  'history.state': method<HistoryState>()(z.object({}), { reads: ['history'] }),
  /** `change`: when the step changed only one source's codings, what it did to them (see CodingsChange). */
  'history.undo': method<{ undone: string | null; state: HistoryState; change?: CodingsChange }>()(z.object({}), { mutates: true, affects: EVERYTHING }),
  'history.redo': method<{ redone: string | null; state: HistoryState; change?: CodingsChange }>()(z.object({}), { mutates: true, affects: EVERYTHING }),
} as const;
